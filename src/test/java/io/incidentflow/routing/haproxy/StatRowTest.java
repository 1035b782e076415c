package io.incidentflow.routing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses {@code show stat} CSV recorded from HAProxy 2.6.12 (see record-replies.sh). */
class StatRowTest {

  @Test
  void shouldKeepOnlyServerRows() {
    List<StatRow> rows = StatRow.parseAll(RecordedReplies.read("show-stat.csv"));

    // The recording also has a FRONTEND row (fe) and a BACKEND row per backend.
    assertThat(rows).extracting(row -> row.proxyName() + "/" + row.serverName())
        .containsExactly("app/primary", "app/spare", "zoo/leader", "zoo/follower", "zoo/parked", "zoo/unchecked", "zoo/dead");
  }

  @Test
  void shouldReadStatusRoleAndWeight() {
    List<StatRow> rows = StatRow.parseAll(RecordedReplies.read("show-stat.csv"));

    assertThat(rows).contains(
        new StatRow("app", "primary", "UP", 1, true, false),
        new StatRow("app", "spare", "UP", 1, false, true),
        new StatRow("zoo", "parked", "MAINT", 1, true, false),
        new StatRow("zoo", "unchecked", "no check", 1, true, false),
        new StatRow("zoo", "dead", "DOWN", 1, true, false));
  }

  @Test
  void shouldShowADrainedServerAsDrainWithItsWeightAndRoleUnchanged() {
    assertThat(row("show-stat-drained.csv", "app", "primary"))
        .isEqualTo(new StatRow("app", "primary", "DRAIN", 1, true, false));
  }

  @Test
  void shouldShowAServerInMaintenanceAsMaint() {
    assertThat(row("show-stat-maint.csv", "app", "primary"))
        .isEqualTo(new StatRow("app", "primary", "MAINT", 1, true, false));
  }

  @Test
  void shouldShowAnInheritedMaintenanceWithTheTrackedServer() {
    assertThat(row("show-stat-zoo-maint.csv", "zoo", "follower").status()).isEqualTo("MAINT (via zoo/leader)");
  }

  @Test
  void shouldFindColumnsByTheirHeaderNamesAndUnquoteFreeText() {
    String csv = "# svname,pxname,check_desc,bck,act,weight,status,type,\n"
        + "web-1,web,\"Layer7 wrong status, \"\"503\"\"\",0,1,10,DOWN 1/2,2,\n"
        + "BACKEND,web,,0,1,10,UP,1,\n";

    assertThat(StatRow.parseAll(csv)).containsExactly(new StatRow("web", "web-1", "DOWN 1/2", 10, true, false));
    assertThat(StatRow.splitCsv("a,\"b, \"\"c\"\"\",")).containsExactly("a", "b, \"c\"", "");
  }

  @Test
  void shouldRefuseTextThatIsNotAStatDump() {
    assertThatThrownBy(() -> StatRow.parseAll("Permission denied\n\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Permission denied");
  }

  private static StatRow row(String recording, String proxy, String server) {
    return StatRow.parseAll(RecordedReplies.read(recording)).stream()
        .filter(row -> row.proxyName().equals(proxy) && row.serverName().equals(server))
        .findFirst()
        .orElseThrow();
  }
}
