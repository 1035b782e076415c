package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real HAProxy on loopback for integration tests: one frontend, one backend with a primary and a
 * {@code backup} server (two small HTTP servers answering "primary" and "backup"), and an admin socket.
 */
public final class HaproxyTestbed implements AutoCloseable {

  public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  public static final String BACKEND = "checkout";
  public static final String PRIMARY = "checkout-1";
  public static final String BACKUP = "checkout-backup";

  private final Path dir;
  private final HttpServer primary;
  private final HttpServer backup;
  private final int frontendPort;
  private Process haproxy;

  private HaproxyTestbed(Path dir) throws IOException {
    this.dir = dir;
    this.primary = answering("primary");
    this.backup = answering("backup");
    this.frontendPort = freePort();
  }

  /** A folder for the testbed's configuration and admin socket; known before any Spring context starts. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Adds service {@code i} of the catalog, routed through HAProxy at {@code address} with {@code primary} as
   * its primary and the testbed's backup (DRAIN), to a test's dynamic properties.
   */
  public static void routeService(DynamicPropertyRegistry registry, int i, String id, String address, String primary) {
    String prefix = "incidentflow.services[" + i + "].";
    if (i == 0) {
      // This catalog replaces the demo's, catch-all service included: alerts are not what these tests send.
      registry.add("incidentflow.catch-all-service", () -> "");
    }
    registry.add(prefix + "id", () -> id);
    registry.add(prefix + "name", () -> Character.toUpperCase(id.charAt(0)) + id.substring(1));
    registry.add(prefix + "tier", () -> 1);
    registry.add(prefix + "technician-group", () -> "application");
    registry.add(prefix + "runbook", () -> "Serve from the backup by hand.");
    registry.add(prefix + "haproxy.address", () -> address);
    registry.add(prefix + "haproxy.backend", () -> BACKEND);
    registry.add(prefix + "haproxy.primaries[0]", () -> primary);
    registry.add(prefix + "haproxy.backups[0]", () -> BACKUP);
    registry.add(prefix + "haproxy.take-out-with", () -> "DRAIN");
  }

  /** Whether this machine can run the testbed; CI must (its .ci/run installs haproxy). */
  public static boolean available() {
    return Files.isExecutable(HAPROXY);
  }

  public static HaproxyTestbed start(Path dir) throws IOException {
    HaproxyTestbed testbed = new HaproxyTestbed(dir);
    testbed.startHaproxy();
    return testbed;
  }

  public Path adminSocket() {
    return dir.resolve("admin.sock");
  }

  /** Stops and starts HAProxy again, as a reload or crash would: it forgets every runtime change. */
  public void restart() throws IOException, InterruptedException {
    stopHaproxy();
    startHaproxy();
  }

  private void startHaproxy() throws IOException {
    Path config = dir.resolve("haproxy.cfg");
    // No daemon, chroot or user: haproxy stays a child process of the test JVM, which stops it.
    Files.writeString(config, """
        global
          stats socket %1$s mode 600 level admin
        defaults
          mode http
          timeout connect 1s
          timeout client 5s
          timeout server 5s
        frontend fe
          bind 127.0.0.1:%2$d
          default_backend %3$s
        backend %3$s
          server %4$s 127.0.0.1:%5$d check inter 200ms
          server %6$s 127.0.0.1:%7$d check inter 200ms backup
        """.formatted(adminSocket(), frontendPort, BACKEND, PRIMARY, primary.getAddress().getPort(), BACKUP,
        backup.getAddress().getPort()));
    Files.deleteIfExists(adminSocket());
    haproxy = new ProcessBuilder(HAPROXY.toString(), "-f", config.toString(), "-db")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile()))
        .start();
    HaproxyRuntimeClient client = new HaproxyRuntimeClient(HaproxyAddress.unix(adminSocket()),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    await("HAProxy up with both servers running").atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(haproxy.isAlive()).as("haproxy runs").isTrue();
          assertThat(client.showServersState(BACKEND)).hasSize(2).allMatch(ServerState::running);
        });
  }

  /** One HTTP/1.0 request on a fresh connection through HAProxy: the name of the server that answered. */
  public String get() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), frontendPort)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      int body = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.0 200") && !response.startsWith("HTTP/1.1 200") || body < 0) {
        throw new IOException("HAProxy answered: " + response.lines().findFirst().orElse("nothing"));
      }
      return response.substring(body + 4);
    }
  }

  private void stopHaproxy() throws InterruptedException {
    if (haproxy != null) {
      haproxy.destroy();
      if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
        haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopHaproxy();
    primary.stop(0);
    backup.stop(0);
  }

  /** A small HTTP server on loopback that answers every request with the body. */
  static HttpServer answering(String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      try (InputStream request = exchange.getRequestBody(); OutputStream response = exchange.getResponseBody()) {
        request.readAllBytes();
        exchange.sendResponseHeaders(200, bytes.length);
        response.write(bytes);
      }
    });
    server.start();
    return server;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
