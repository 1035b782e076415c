package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real HAProxy (Debian's /usr/sbin/haproxy, 2.6 on CI) started in the foreground with a
 * generated configuration: a frontend, and a backend "app" whose primary and backup servers are two
 * in-process HTTP servers answering "primary" and "backup". Everything listens on 127.0.0.1 or in a temp dir.
 */
class HaproxyRuntimeClientIT {

  private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  static Path dir;

  private static HttpServer primary;
  private static HttpServer backup;
  private static Process haproxy;
  private static int frontendPort;
  private static int statsPort;
  private static HaproxyRuntimeClient client;

  @BeforeAll
  static void startHaproxy() throws IOException {
    if (!Files.isExecutable(HAPROXY)) {
      // CI installs haproxy, so there a missing binary is a broken build, not a reason to skip.
      if ("true".equals(System.getenv("CI"))) {
        fail("haproxy is not installed at " + HAPROXY + " although CI=true (.ci/run installs it)");
      }
      return; // each test skips in assumeHaproxyInstalled()
    }
    primary = HaproxyTestbed.answering("primary");
    backup = HaproxyTestbed.answering("backup");
    frontendPort = HaproxyTestbed.freePort();
    statsPort = HaproxyTestbed.freePort();
    Path config = dir.resolve("haproxy.cfg");
    // No daemon, chroot or user: haproxy stays a child process of this JVM, which can stop it.
    Files.writeString(config, """
        global
          stats socket %1$s/admin.sock mode 600 level admin
          stats socket ipv4@127.0.0.1:%2$d level admin
        defaults
          mode http
          timeout connect 1s
          timeout client 5s
          timeout server 5s
        frontend fe
          bind 127.0.0.1:%3$d
          default_backend app
        backend app
          server primary 127.0.0.1:%4$d check inter 200ms
          server spare 127.0.0.1:%5$d check inter 200ms backup
        """.formatted(dir, statsPort, frontendPort, primary.getAddress().getPort(), backup.getAddress().getPort()));
    haproxy = new ProcessBuilder(HAPROXY.toString(), "-f", config.toString(), "-db")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("haproxy.log").toFile())
        .start();
    client = new HaproxyRuntimeClient(HaproxyAddress.unix(dir.resolve("admin.sock")), TIMEOUT, TIMEOUT);

    // The socket appears once the configuration is loaded; both servers are up after their first checks pass.
    await("HAProxy up with both servers running").atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(haproxy.isAlive()).as("haproxy is running; its log:%n%s", haproxyLog()).isTrue();
          assertThat(client.showServersState("app")).allMatch(ServerState::running).hasSize(2);
        });
  }

  @AfterAll
  static void stopHaproxy() throws InterruptedException {
    if (haproxy != null) {
      haproxy.destroy();
      if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
        haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (primary != null) {
      primary.stop(0);
    }
    if (backup != null) {
      backup.stop(0);
    }
  }

  /**
   * Skips per test rather than in @BeforeAll: Maven reports a class aborted in @BeforeAll as "Tests run: 0",
   * hiding both the skip and its reason.
   */
  @BeforeEach
  void assumeHaproxyInstalled() {
    Assumptions.assumeTrue(haproxy != null, "haproxy is not installed: apt-get install haproxy (.ci/run installs it)");
  }

  /** Each test starts from a ready, running primary, whatever the previous one left behind. */
  @AfterEach
  void readyThePrimaryAgain() {
    if (haproxy == null) {
      return;
    }
    client.setServerState("app", "primary", ServerAdminState.READY);
    awaitFrontendAnswers("primary");
  }

  @Test
  void shouldServeFromThePrimaryWhileItIsReady() throws IOException {
    assertThat(getThroughFrontend()).isEqualTo("primary");
    assertThat(client.showServersState("app"))
        .extracting(ServerState::serverName, ServerState::adminState, ServerState::running)
        .containsExactly(
            tuple("primary", ServerAdminState.READY, true),
            tuple("spare", ServerAdminState.READY, true));
  }

  @Test
  void shouldMoveTrafficToTheBackupWhenThePrimaryDrains() throws IOException {
    client.setServerState("app", "primary", ServerAdminState.DRAIN);

    // The only active server no longer takes new load-balanced requests, so HAProxy uses the backup.
    assertThat(List.of(getThroughFrontend(), getThroughFrontend(), getThroughFrontend()))
        .containsOnly("backup");
    ServerState primaryState = server("primary");
    assertThat(primaryState.draining()).isTrue();
    assertThat(primaryState.adminState()).isEqualTo(ServerAdminState.DRAIN);
    assertThat(primaryState.adminStateBits()).isEqualTo(ServerState.ADMF_FDRAIN);
    assertThat(primaryState.running()).as("a draining server is still checked and up").isTrue();
    assertThat(client.showStat()).contains(new StatRow("app", "primary", "DRAIN", 1, true, false));
  }

  @Test
  void shouldBringTrafficBackToThePrimaryWhenItIsReadyAgain() throws IOException {
    client.setServerState("app", "primary", ServerAdminState.DRAIN);
    assertThat(getThroughFrontend()).isEqualTo("backup");

    client.setServerState("app", "primary", ServerAdminState.READY);

    assertThat(getThroughFrontend()).isEqualTo("primary");
    assertThat(server("primary").draining()).isFalse();
  }

  @Test
  void shouldMoveTrafficToTheBackupWhileThePrimaryIsInMaintenance() throws IOException {
    client.setServerState("app", "primary", ServerAdminState.MAINT);

    assertThat(getThroughFrontend()).isEqualTo("backup");
    ServerState primaryState = server("primary");
    assertThat(primaryState.inMaintenance()).isTrue();
    assertThat(primaryState.adminState()).isEqualTo(ServerAdminState.MAINT);
    assertThat(primaryState.running()).as("maintenance stops the checks and the server").isFalse();
    assertThat(client.showStat()).contains(new StatRow("app", "primary", "MAINT", 1, true, false));

    client.setServerState("app", "primary", ServerAdminState.READY);

    // Out of maintenance the server must pass its checks again before it gets traffic.
    awaitFrontendAnswers("primary");
    assertThat(server("primary").inMaintenance()).isFalse();
  }

  @Test
  void shouldReportHaproxysMessageForAnUnknownServer() {
    assertThatThrownBy(() -> client.setServerState("app", "nosuch", ServerAdminState.MAINT))
        .isInstanceOfSatisfying(HaproxyCommandException.class,
            e -> assertThat(e.getReply()).isEqualTo("No such server."));
  }

  @Test
  void shouldReportHaproxysMessageForAnUnknownBackend() {
    assertThatThrownBy(() -> client.showServersState("nosuch"))
        .isInstanceOfSatisfying(HaproxyCommandException.class,
            e -> assertThat(e.getReply()).isEqualTo("Can't find backend."));
  }

  @Test
  void shouldReportHaproxyUnavailableWhenTheSocketDoesNotExist() {
    HaproxyRuntimeClient nowhere =
        new HaproxyRuntimeClient(HaproxyAddress.unix(dir.resolve("no-such.sock")), TIMEOUT, TIMEOUT);

    assertThatThrownBy(nowhere::showStat)
        .isInstanceOf(HaproxyUnavailableException.class)
        .hasMessageContaining("no-such.sock");
  }

  @Test
  void shouldWorkOverTheTcpStatsSocketToo() throws IOException {
    HaproxyRuntimeClient tcp = new HaproxyRuntimeClient(
        HaproxyAddress.parse("tcp:127.0.0.1:" + statsPort), TIMEOUT, TIMEOUT);

    tcp.setServerState("app", "primary", ServerAdminState.DRAIN);

    assertThat(getThroughFrontend()).isEqualTo("backup");
    assertThat(tcp.showServersState("app")).filteredOn(ServerState::draining)
        .extracting(ServerState::serverName).containsExactly("primary");
    assertThat(tcp.showStat()).extracting(StatRow::serverName, StatRow::status)
        .containsExactly(
            tuple("primary", "DRAIN"),
            tuple("spare", "UP"));
  }

  private static ServerState server(String name) {
    return client.showServersState("app").stream()
        .filter(server -> server.serverName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitFrontendAnswers(String expected) {
    await("the frontend answers " + expected).atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(HaproxyRuntimeClientIT::getThroughFrontend, expected::equals);
  }

  /** One HTTP/1.0 request on a fresh connection, so that every request is load-balanced anew. */
  private static String getThroughFrontend() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), frontendPort)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      String statusLine = response.lines().findFirst().orElse("");
      int body = response.indexOf("\r\n\r\n");
      if (!statusLine.matches("HTTP/1\\.[01] 200 .*") || body < 0) {
        // e.g. HAProxy's 503 while no server is available
        throw new IOException("The frontend answered: " + statusLine);
      }
      return response.substring(body + 4);
    }
  }

  private static String haproxyLog() {
    try {
      return Files.readString(dir.resolve("haproxy.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
