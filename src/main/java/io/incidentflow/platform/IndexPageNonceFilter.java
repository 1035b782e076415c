package io.incidentflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.engine.ProcessEnginesFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives each index page of the webapps (Tasklist, Cockpit, Admin, Welcome) the CSP nonce of its own
 * Content-Security-Policy header.
 *
 * <p>Works around a race in Camunda 7.24: its {@code ContentSecurityPolicyProvider} makes a nonce per request but
 * keeps it in a <em>ServletContext</em> attribute ({@code org.camunda.bpm.csp.nonce}) that every request shares,
 * and {@code ProcessEnginesFilter} reads it back from there to write {@code nonce="..."} into the index page. Any
 * webapp request in between (each API call gets the header too) overwrites it: the page's nonce is not its
 * header's, the browser blocks the page's scripts, and Tasklist or Cockpit hangs on its spinner or its login form
 * never answers. This filter runs outside Camunda's (theirs are mapped after every filter of the application),
 * buffers the index pages only, and sets every {@code nonce} attribute of the body to the nonce of the response's
 * own header. The policy stays as strict as Camunda made it.
 *
 * <p>Remove it when Camunda (or Operaton, its fork, which fixed this upstream) keeps the nonce per request.
 */
public class IndexPageNonceFilter extends OncePerRequestFilter {

  static final String CSP_HEADER = "Content-Security-Policy";
  static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/_=-]+)'");
  static final Pattern BODY_NONCE = Pattern.compile("\\bnonce=\"[^\"]*\"");

  private final String applicationPath;

  /** @param applicationPath where the webapps live ({@code camunda.bpm.webapp.application-path}, "/camunda") */
  public IndexPageNonceFilter(String applicationPath) {
    this.applicationPath = applicationPath;
  }

  /** The pages ProcessEnginesFilter answers with an app's index.html, by its own pattern. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(applicationPath + "/app/")) {
      return true;
    }
    Matcher app = ProcessEnginesFilter.APP_PREFIX_PATTERN.matcher(path.substring(applicationPath.length()));
    if (!app.matches()) {
      return true;
    }
    String page = app.group(3);
    return !(page == null || page.isEmpty() || page.equals("setup/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, page);

    String nonce = nonceOf(response.getHeader(CSP_HEADER));
    if (nonce == null || page.getContentSize() == 0 || response.isCommitted()) {
      page.copyBodyToResponse();
      return;
    }
    byte[] body = withNonce(page.getContentAsByteArray(), nonce);
    page.resetBuffer();
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The nonce a policy allows scripts by, or null if it names none. */
  static String nonceOf(String policy) {
    if (policy == null) {
      return null;
    }
    Matcher nonce = HEADER_NONCE.matcher(policy);
    return nonce.find() ? nonce.group(1) : null;
  }

  /**
   * Every {@code nonce="..."} of the page set to {@code nonce}. The page's bytes are read as ISO-8859-1, one char
   * per byte, so that whatever charset it is written in comes back byte for byte but for the (ASCII) nonces.
   */
  static byte[] withNonce(byte[] body, String nonce) {
    String page = new String(body, StandardCharsets.ISO_8859_1);
    String rewritten = BODY_NONCE.matcher(page).replaceAll(Matcher.quoteReplacement("nonce=\"" + nonce + "\""));
    return rewritten.getBytes(StandardCharsets.ISO_8859_1);
  }
}
