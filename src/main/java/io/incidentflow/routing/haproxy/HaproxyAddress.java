package io.incidentflow.routing.haproxy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where HAProxy's Runtime API listens: either a unix socket ({@code stats socket /run/haproxy/admin.sock})
 * or a TCP address ({@code stats socket ipv4@127.0.0.1:9999}). Exactly one of {@code unixSocket} and
 * {@code host}/{@code port} is set.
 *
 * @param unixSocket the socket file, or {@code null} for a TCP address
 * @param host the host name or IP address (IPv6 without brackets), or {@code null} for a unix socket
 * @param port the TCP port, or 0 for a unix socket
 */
public record HaproxyAddress(Path unixSocket, String host, int port) {

  private static final String EXPECTED = "expected unix:/path/to.sock, /path/to.sock, host:port or tcp:host:port";

  public HaproxyAddress {
    if (unixSocket != null) {
      if (host != null || port != 0) {
        throw new IllegalArgumentException("A HAProxy address is either a unix socket or host:port, not both");
      }
      if (unixSocket.toString().isEmpty()) {
        throw new IllegalArgumentException("The HAProxy unix socket path is empty");
      }
    } else {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("A HAProxy TCP address needs a host");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("HAProxy TCP port out of range 1-65535: " + port);
      }
    }
  }

  public static HaproxyAddress unix(Path socket) {
    return new HaproxyAddress(Objects.requireNonNull(socket, "socket"), null, 0);
  }

  public static HaproxyAddress tcp(String host, int port) {
    return new HaproxyAddress(null, host, port);
  }

  /**
   * Reads {@code unix:/path/to.sock} or {@code /path/to.sock} (unix socket) and {@code host:port} or
   * {@code tcp:host:port} (TCP; IPv6 literals in brackets: {@code [::1]:9999}).
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static HaproxyAddress parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("No HAProxy Runtime API address given (" + EXPECTED + ")");
    }
    String text = value.strip();
    if (text.startsWith("unix:")) {
      String path = text.substring("unix:".length());
      if (path.isEmpty()) {
        throw invalid(value, "the unix socket path is missing");
      }
      return unix(Path.of(path));
    }
    if (text.startsWith("/")) {
      return unix(Path.of(text));
    }
    String hostPort = text.startsWith("tcp:") ? text.substring("tcp:".length()) : text;
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(value, "no port");
    }
    String host = hostPort.substring(0, colon);
    String port = hostPort.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(value, "put an IPv6 address in brackets, e.g. [::1]:9999");
    }
    if (host.isBlank()) {
      throw invalid(value, "no host");
    }
    if (!port.matches("[0-9]{1,5}")) {
      throw invalid(value, "the port is not a number");
    }
    int portNumber = Integer.parseInt(port);
    if (portNumber < 1 || portNumber > 65535) {
      throw invalid(value, "the port is out of range 1-65535");
    }
    return tcp(host, portNumber);
  }

  public boolean isUnix() {
    return unixSocket != null;
  }

  /** The address in the form {@link #parse} reads: {@code unix:/path} or {@code host:port}. */
  @Override
  public String toString() {
    if (isUnix()) {
      return "unix:" + unixSocket;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static IllegalArgumentException invalid(String value, String why) {
    return new IllegalArgumentException(
        "Not a HAProxy Runtime API address: '" + value + "' (" + why + "; " + EXPECTED + ")");
  }
}
