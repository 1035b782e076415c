package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses {@code show servers state} replies recorded from HAProxy 2.6.12 (see record-replies.sh). */
class ServerStateTest {

  @Test
  void shouldReadBothServersOfAReadyBackend() {
    List<ServerState> servers = ServerState.parseAll(RecordedReplies.read("show-servers-state-ready.txt"));

    assertThat(servers).containsExactly(
        new ServerState("app", "primary", "127.0.0.1", 18081, ServerState.OP_RUNNING, 0, 1),
        new ServerState("app", "spare", "127.0.0.1", 18082, ServerState.OP_RUNNING, 0, 1));
    assertThat(servers.get(0).adminState()).isEqualTo(ServerAdminState.READY);
    assertThat(servers.get(0).inMaintenance()).isFalse();
    assertThat(servers.get(0).draining()).isFalse();
  }

  @Test
  void shouldSeeADrainedServerAsDrainingAndStillRunning() {
    ServerState primary = server("show-servers-state-drained.txt", "primary");

    // state drain sets FDRAIN (0x08) only; checks continue, so the server stays up.
    assertThat(primary.adminStateBits()).isEqualTo(ServerState.ADMF_FDRAIN);
    assertThat(primary.draining()).isTrue();
    assertThat(primary.inMaintenance()).isFalse();
    assertThat(primary.adminState()).isEqualTo(ServerAdminState.DRAIN);
    assertThat(primary.running()).isTrue();
  }

  @Test
  void shouldSeeAServerInMaintenanceAsStopped() {
    ServerState primary = server("show-servers-state-maint.txt", "primary");

    // state maint sets FMAINT (0x01) and stops the checks: HAProxy reports the server stopped.
    assertThat(primary.adminStateBits()).isEqualTo(ServerState.ADMF_FMAINT);
    assertThat(primary.inMaintenance()).isTrue();
    assertThat(primary.draining()).isFalse();
    assertThat(primary.adminState()).isEqualTo(ServerAdminState.MAINT);
    assertThat(primary.running()).isFalse();
    assertThat(primary.operationalState()).isEqualTo(ServerState.OP_STOPPED);
  }

  @Test
  void shouldSeeADrainInheritedFromATrackedServerAsDrainingButNotForced() {
    ServerState follower = server("show-servers-state-zoo-drained.txt", "follower");

    assertThat(follower.adminStateBits()).isEqualTo(ServerState.ADMF_IDRAIN);
    assertThat(follower.draining()).isTrue();
    // adminState() is what set server state forced on this server: nothing.
    assertThat(follower.adminState()).isEqualTo(ServerAdminState.READY);
  }

  @Test
  void shouldSeeAMaintenanceInheritedFromATrackedServerAsMaintenanceButNotForced() {
    ServerState follower = server("show-servers-state-zoo-maint.txt", "follower");

    assertThat(follower.adminStateBits()).isEqualTo(ServerState.ADMF_IMAINT);
    assertThat(follower.inMaintenance()).isTrue();
    assertThat(follower.adminState()).isEqualTo(ServerAdminState.READY);
  }

  @Test
  void shouldSeeAServerDisabledInTheConfigurationAsInMaintenanceUntilItIsSetReady() {
    // Before "state ready": FMAINT | CMAINT. After: CMAINT alone, while the server is up and serving -
    // which is why CMAINT is no maintenance bit.
    assertThat(server("show-servers-state-zoo-maint.txt", "parked"))
        .satisfies(parked -> {
          assertThat(parked.adminStateBits()).isEqualTo(ServerState.ADMF_CMAINT);
          assertThat(parked.inMaintenance()).isFalse();
          assertThat(parked.running()).isTrue();
        });
    assertThat(new ServerState("zoo", "parked", "127.0.0.1", 18082, 0, 0x05, 1).inMaintenance()).isTrue();
  }

  @Test
  void shouldSeeAServerFailingItsChecksAsStoppedButNotInMaintenance() {
    ServerState dead = server("show-servers-state-zoo-maint.txt", "dead");

    assertThat(dead.running()).isFalse();
    assertThat(dead.inMaintenance()).isFalse();
    assertThat(dead.adminState()).isEqualTo(ServerAdminState.READY);
  }

  @Test
  void shouldCountOnlyHaproxysOwnMaintenanceBitsAsMaintenance() {
    assertThat(bits(ServerState.ADMF_FMAINT).inMaintenance()).isTrue();
    assertThat(bits(ServerState.ADMF_IMAINT).inMaintenance()).isTrue();
    assertThat(bits(ServerState.ADMF_RMAINT).inMaintenance()).isTrue();
    assertThat(bits(ServerState.ADMF_CMAINT).inMaintenance()).isFalse();
    assertThat(bits(ServerState.ADMF_HMAINT).inMaintenance()).isFalse();
    // Forced maintenance wins over forced drain, as in HAProxy.
    assertThat(bits(ServerState.ADMF_FMAINT | ServerState.ADMF_FDRAIN).adminState()).isEqualTo(ServerAdminState.MAINT);
  }

  @Test
  void shouldFindColumnsByTheirHeaderNamesNotByPosition() {
    String reordered = """
        1
        # srv_name be_name srv_admin_state srv_op_state srv_addr srv_uweight some_future_column
        primary app 8 2 10.0.0.1 100 x
        # a comment line
        """;

    assertThat(ServerState.parseAll(reordered))
        .containsExactly(new ServerState("app", "primary", "10.0.0.1", 0, 2, 8, 100));
  }

  @Test
  void shouldReadABackendWithoutServersAsEmpty() {
    String header = RecordedReplies.read("show-servers-state-ready.txt").lines().limit(2)
        .reduce("", (all, line) -> all + line + "\n");

    assertThat(ServerState.parseAll(header + "\n")).isEmpty();
  }

  @Test
  void shouldRefuseHaproxysErrorMessageAsAStateDump() {
    assertThatThrownBy(() -> ServerState.parseAll(RecordedReplies.read("show-servers-state-unknown-backend.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Can't find backend.");
  }

  @Test
  void shouldRefuseAHeaderWithoutARequiredColumn() {
    assertThatThrownBy(() -> ServerState.parseAll("1\n# be_name srv_name\napp primary\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("srv_addr");
  }

  private static ServerState server(String recording, String name) {
    return ServerState.parseAll(RecordedReplies.read(recording)).stream()
        .filter(server -> server.serverName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ServerState bits(int adminStateBits) {
    return new ServerState("app", "primary", "127.0.0.1", 80, ServerState.OP_RUNNING, adminStateBits, 1);
  }
}
