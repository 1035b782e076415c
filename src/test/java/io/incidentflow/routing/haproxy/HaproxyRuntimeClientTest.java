package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against {@link FakeRuntimeApi}, which replays replies recorded from HAProxy 2.6; the real thing
 * is exercised by HaproxyRuntimeClientIT.
 */
class HaproxyRuntimeClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  @Test
  void shouldSendOneCommandLineAndReturnTheWholeReply() throws IOException {
    String stat = RecordedReplies.read("show-stat.csv");
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> stat)) {
      String reply = client(api.address()).execute("show stat");

      assertThat(reply).isEqualTo(stat);
      assertThat(api.received()).containsExactly("show stat");
    }
  }

  @Test
  void shouldTakeAnEmptyReplyToSetServerStateAsSuccess() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> RecordedReplies.read("set-server-ok.txt"))) {
      client(api.address()).setServerState("app", "primary", ServerAdminState.DRAIN);

      assertThat(api.received()).containsExactly("set server app/primary state drain");
    }
  }

  @Test
  void shouldTurnAnyTextInReplyToSetServerStateIntoACommandException() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> RecordedReplies.read("set-server-unknown.txt"))) {
      assertThatThrownBy(() -> client(api.address()).setServerState("app", "nosuch", ServerAdminState.MAINT))
          .isInstanceOfSatisfying(HaproxyCommandException.class, e -> {
            assertThat(e.getReply()).isEqualTo("No such server.");
            assertThat(e.getCommand()).isEqualTo("set server app/nosuch state maint");
          })
          .hasMessage("HAProxy rejected 'set server app/nosuch state maint': No such server.");
    }
  }

  @Test
  void shouldReportAnUnknownBackendInSetServerState() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> RecordedReplies.read("set-server-unknown-backend.txt"))) {
      assertThatThrownBy(() -> client(api.address()).setServerState("nosuch", "primary", ServerAdminState.MAINT))
          .isInstanceOfSatisfying(HaproxyCommandException.class,
              e -> assertThat(e.getReply()).isEqualTo("No such backend."));
    }
  }

  @Test
  void shouldParseTheServersStateOfTheAskedBackend() throws IOException {
    Map<String, String> replies = Map.of("show servers state app", RecordedReplies.read("show-servers-state-drained.txt"));
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, replies::get)) {
      assertThat(client(api.address()).showServersState("app"))
          .filteredOn(ServerState::draining)
          .extracting(ServerState::serverName)
          .containsExactly("primary");
    }
  }

  @Test
  void shouldTurnAnErrorInsteadOfAStateDumpIntoACommandException() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> RecordedReplies.read("show-servers-state-unknown-backend.txt"))) {
      assertThatThrownBy(() -> client(api.address()).showServersState("nosuch"))
          .isInstanceOfSatisfying(HaproxyCommandException.class,
              e -> assertThat(e.getReply()).isEqualTo("Can't find backend."));
    }
  }

  @Test
  void shouldParseShowStat() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> RecordedReplies.read("show-stat-drained.csv"))) {
      assertThat(client(api.address()).showStat())
          .contains(new StatRow("app", "primary", "DRAIN", 1, true, false));
    }
  }

  @Test
  void shouldGiveUpOnAUnixSocketThatNeverAnswers() throws IOException {
    // Unix socket channels have no SO_TIMEOUT: this proves the Selector-based timeout really fires.
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> null)) {
      HaproxyRuntimeClient client = new HaproxyRuntimeClient(api.address(), TIMEOUT, Duration.ofMillis(300));
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.execute("show stat"))
          .isInstanceOf(HaproxyUnavailableException.class)
          .hasMessageContaining(api.address().toString())
          .hasMessageContaining("no reply within 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldGiveUpOnATcpSocketThatNeverAnswers() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(10_000);
        } catch (IOException | InterruptedException stopped) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      HaproxyAddress address = HaproxyAddress.tcp("127.0.0.1", silent.getLocalPort());
      HaproxyRuntimeClient client = new HaproxyRuntimeClient(address, TIMEOUT, Duration.ofMillis(300));

      assertThatThrownBy(() -> client.execute("show stat"))
          .isInstanceOf(HaproxyUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
          .hasMessageContaining("SocketTimeoutException");
      acceptor.interrupt();
    }
  }

  @Test
  void shouldReportAMissingSocketAsUnavailable() {
    HaproxyAddress nowhere = HaproxyAddress.unix(dir.resolve("missing.sock"));

    assertThatThrownBy(() -> client(nowhere).execute("show stat"))
        .isInstanceOf(HaproxyUnavailableException.class)
        .hasMessageStartingWith("HAProxy Runtime API at " + nowhere + " is unavailable: ")
        .hasCauseInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"show stat; shutdown sessions server app/primary", "show stat\nshutdown frontend fe",
      "show stat\r", "show\tstat", "show stat\u0000", "show stat\u007f", "", "  "})
  void shouldRefuseChainedCommandsAndControlCharactersBeforeConnecting(String command) {
    // The address does not exist: an IllegalArgumentException proves nothing was sent.
    HaproxyRuntimeClient client = client(HaproxyAddress.unix(dir.resolve("missing.sock")));

    assertThatThrownBy(() -> client.execute(command)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldShowTheRefusedCharacterEscaped() {
    HaproxyRuntimeClient client = client(HaproxyAddress.unix(dir.resolve("missing.sock")));

    assertThatThrownBy(() -> client.execute("show stat\nshutdown frontend fe"))
        .hasMessage("Refusing HAProxy command with control character U+000A at index 9 (it would chain commands): "
            + "show stat\\nshutdown frontend fe");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app;shutdown", "app\nshow", "app/primary", "app primary", "", "äpp"})
  void shouldRefuseBackendNamesThatAreNotPlainNames(String backend) {
    HaproxyRuntimeClient client = client(HaproxyAddress.unix(dir.resolve("missing.sock")));

    assertThatThrownBy(() -> client.setServerState(backend, "primary", ServerAdminState.MAINT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid HAProxy backend name");
    assertThatThrownBy(() -> client.showServersState(backend))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid HAProxy backend name");
  }

  @Test
  void shouldRefuseServerNamesThatAreNotPlainNames() {
    HaproxyRuntimeClient client = client(HaproxyAddress.unix(dir.resolve("missing.sock")));

    assertThatThrownBy(() -> client.setServerState("app", "primary state maint;", ServerAdminState.READY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid HAProxy server name 'primary state maint;': "
            + "only letters, digits, '_', '.', ':' and '-' are allowed");
    assertThatThrownBy(() -> client.setServerState("app", null, ServerAdminState.READY))
        .hasMessageStartingWith("Invalid HAProxy server name null");
  }

  @Test
  void shouldAcceptEveryCharacterHaproxyAllowsInNames() throws IOException {
    try (FakeRuntimeApi api = new FakeRuntimeApi(dir, command -> "\n")) {
      client(api.address()).setServerState("be_web-1.eu:443", "srv_A-9.b:1", ServerAdminState.READY);

      assertThat(api.received()).containsExactly("set server be_web-1.eu:443/srv_A-9.b:1 state ready");
    }
  }

  @Test
  void shouldTellTheRuntimeApiWordOfEachState() {
    assertThat(ServerAdminState.READY.command()).isEqualTo("ready");
    assertThat(ServerAdminState.DRAIN.command()).isEqualTo("drain");
    assertThat(ServerAdminState.MAINT.command()).isEqualTo("maint");
  }

  private static HaproxyRuntimeClient client(HaproxyAddress address) {
    return new HaproxyRuntimeClient(address, TIMEOUT, TIMEOUT);
  }
}
