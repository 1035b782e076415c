package io.incidentflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over a limit with 413 before they are read into memory: by Content-Length when the sender
 * gives one, and while reading when it does not (chunked).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("Request body larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private final ObjectMapper json;
  private final MediaType contentType;
  private final Object tooLargeBody;

  /** @param tooLargeBody the 413 answer, written by {@code json} as {@code contentType} */
  public RequestSizeLimitFilter(long limit, ObjectMapper json, MediaType contentType, Object tooLargeBody) {
    this.limit = limit;
    this.json = json;
    this.contentType = contentType;
    this.tooLargeBody = tooLargeBody;
  }

  /** Whether reading a body failed because this filter cut it off. */
  public static boolean isTooLarge(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TooLargeException) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType(contentType.toString());
      json.writeValue(response.getOutputStream(), tooLargeBody);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() throws IOException {
        return new Limited(super.getInputStream(), limit);
      }
    }, response);
  }

  private static final class Limited extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Limited(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && ++read > limit) {
        throw new TooLargeException(limit);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (read += n) > limit) {
        throw new TooLargeException(limit);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
