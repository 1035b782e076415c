package io.incidentflow.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The benchmark's load generator: a minimal HTTP/1.1 client on one kept-alive connection, for one client thread.
 * The generator shares the machine's 2 cores with the server it measures, so it must cost as little as it can
 * (what wrk does in C); {@code java.net.http.HttpClient} took about a third of the JVM's CPU in the duplicate storm.
 * It speaks only what the benchmarks need: POST with a body, GET, answers with Content-Length or chunked bodies.
 */
public final class LeanHttpClient implements AutoCloseable {

  public record Response(int status, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public LeanHttpClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** POST of a JSON body with an {@code Authorization} header as {@link #bearer} or {@link #basic} make it. */
  public Response post(String path, String authorization, String json) throws IOException {
    return send("POST", path, authorization, json.getBytes(StandardCharsets.UTF_8));
  }

  /** GET with an {@code Authorization} header as {@link #bearer} or {@link #basic} make it, or none for null. */
  public Response get(String path, String authorization) throws IOException {
    return send("GET", path, authorization, null);
  }

  /** The value of an {@code Authorization} header with a bearer token. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The value of an {@code Authorization} header for HTTP Basic. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Response send(String method, String path, String authorization, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port).append("\r\n");
    if (authorization != null) {
      head.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    } else {
      head.append("Accept: application/json\r\n");
    }
    head.append("\r\n");
    // One write, so one TCP segment for a small request, as real senders' buffered writers send it: two writes
    // made two segments (TCP_NODELAY), and the server could wake up for each.
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = headBytes;
    if (body != null) {
      request = Arrays.copyOf(headBytes, headBytes.length + body.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
    }
    try {
      connect();
      out.write(request);
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = socket.getOutputStream();
    }
  }

  private Response read() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    if (chunked) {
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers: none expected
      }
    } else if (length >= 0) {
      body.write(in.readNBytes(length));
    } else {
      body.write(in.readAllBytes());
      closeAfter = true;
    }
    if (closeAfter) {
      close();
    }
    return new Response(status, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a connection that failed already
      }
      socket = null;
    }
  }
}
