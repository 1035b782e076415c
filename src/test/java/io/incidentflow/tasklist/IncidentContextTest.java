package io.incidentflow.tasklist;

import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incident at the top of every task form: what it says, and that nobody's text becomes markup. */
class IncidentContextTest {

  private final Map<String, Object> variables = new HashMap<>(Map.of(
      INCIDENT_ID, "INC-2026-0042", SERVICE_NAME, "Checkout", SEVERITY, "SEV1", TITLE, "Card payments fail",
      DESCRIPTION, "Customers see error 502\nsince 02:50", RUNBOOK, "1. Check the gateway\n2. Reroute"));

  @Test
  void shouldSayWhatAndWhichWhatWasReportedAndTheRunbookButNoAlertsForAReportedIncident() {
    variables.put(ALERT_COUNT, 0L);

    String context = IncidentContext.markdown(variables::get);

    assertThat(context).startsWith("### INC-2026-0042 · Checkout · SEV1\n**Card payments fail**")
        .contains("> Customers see error 502\n> since 02:50")
        .contains("**So far**\nNothing done yet.")
        .endsWith("**Runbook**\n> 1. Check the gateway\n> 2. Reroute")
        .doesNotContain("Alerts");
  }

  @Test
  void shouldListWhatWasDoneSoFarAndTheAlertsWhenThereAreAlerts() {
    variables.putAll(Map.of(CUSTOMER_IMPACT, true, IMPACT_DESCRIPTION, "No card payments",
        AFFECTED_SERVICES, List.of("checkout", "payments"), ACKNOWLEDGED_BY, "tom",
        ACKNOWLEDGEMENT_NOTE, "On it", WORKAROUND_DESCRIPTION, "Invoice payment offered",
        ALERT_COUNT, 3L, ALERT_LAST_SEEN_AT, "2026-11-29T03:01:00Z", ALERTS, "CheckoutErrors firing"));

    String context = IncidentContext.markdown(variables::get);

    assertThat(context).contains("""
        **So far**
        - Customers are affected: No card payments
        - Affected services: checkout, payments
        - Acknowledged by tom: On it
        - Workaround: Invoice payment offered""")
        .contains("**Alerts from monitoring** (3 received, repeats included, last at 2026-11-29T03:01:00Z)\n"
            + "> CheckoutErrors firing");
  }

  @Test
  void shouldEscapeWhatPeopleAndMonitoringWroteSoThatItStaysText() {
    variables.put(TITLE, "<img src=x onerror=alert(1)> [click](http://evil) **now** # | `x`");

    String context = IncidentContext.markdown(variables::get);

    assertThat(context)
        .contains("**\\<img src=x onerror=alert(1)\\> \\[click\\](http://evil) \\*\\*now\\*\\* \\# \\| \\`x\\`**");
    assertThat(IncidentContext.escape("R&D")).isEqualTo("R&amp;D");
  }

  @Test
  void shouldNameATaskAfterItsIncidentServiceAndSeverityLeavingOutWhatIsNotKnownYet() {
    assertThat(TaskPresentation.name("Resolve incident", List.of("INC-2026-0042", "Checkout", "SEV1")))
        .isEqualTo("Resolve incident · INC-2026-0042 · Checkout · SEV1");
    assertThat(TaskPresentation.name("Acknowledge incident", Arrays.asList(null, "Checkout", " ")))
        .isEqualTo("Acknowledge incident · Checkout");
    assertThat(TaskPresentation.priority(90)).isEqualTo(90);
    assertThat(TaskPresentation.priority(null)).as("an incident started before the priority column")
        .isEqualTo(TaskPresentation.DEFAULT_PRIORITY);
  }
}
