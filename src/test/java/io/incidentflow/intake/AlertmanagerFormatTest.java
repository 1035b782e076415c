package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Alertmanager's webhook message, without a server. */
class AlertmanagerFormatTest {

  private final ObjectMapper json = new ObjectMapper();
  private final AlertmanagerFormat format = new AlertmanagerFormat(
      new ServiceCatalog(new ServiceCatalogProperties(List.of(
          new ServiceDefinition("checkout", "Checkout", 1, "application", "runbook", null, null)))),
      new IntakeProperties("token", "service", Duration.ofMinutes(5), Duration.ofSeconds(5), 50, 1));

  @Test
  void shouldReadTheDocumentedSampleWithUnknownFieldsAndEachAlertsOwnFingerprint() throws Exception {
    try (InputStream sample = getClass().getResourceAsStream("/intake/alertmanager-firing.json")) {
      List<AlertmanagerFormat.Entry> entries = format.read(json.readTree(sample));

      assertThat(entries).hasSize(2).allSatisfy(entry -> assertThat(entry.errors()).isEmpty());
      Alert first = entries.get(0).alert();
      assertThat(first.dedupKey()).isEqualTo("alertmanager:a1b2c3d4e5f60718");
      assertThat(entries.get(1).alert().dedupKey()).isEqualTo("alertmanager:b2c3d4e5f6071829");
      assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
      assertThat(first.serviceId()).isEqualTo("checkout");
      assertThat(first.severity()).isEqualTo("critical");
      assertThat(first.summary()).isEqualTo("Checkout returns 5xx for more than 5% of requests");
      assertThat(first.description()).contains("Error rate is 12.4%").contains("Source: http://prometheus:9090/graph");
      assertThat(first.groupKey()).isEqualTo("{}:{alertname=\"HighErrorRate\"}");
      assertThat(first.payload()).contains("checkout-1:8080").doesNotContain("checkout-2:8080");
    }
  }

  @Test
  void shouldTakeEmptyOptionalFieldsAsAbsentAsAlertmanagerSendsThemForAlertsPostedWithoutThem() throws Exception {
    // The shape Alertmanager 0.25 delivers for an alert posted to its API by amtool: empty generatorURL,
    // empty annotations, an externalURL and a truncatedAlerts count this format does not use.
    String message = """
        {"receiver": "incidentflow", "status": "firing", "externalURL": "", "version": "4",
         "groupKey": "{}:{alertname=\\"DiskFull\\"}", "truncatedAlerts": 0,
         "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {}, "commonAnnotations": {},
         "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "service": "checkout", "severity": ""},
                     "annotations": {"summary": "", "description": ""}, "startsAt": "2026-11-29T03:00:00Z",
                     "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": ""}]}""";

    AlertmanagerFormat.Entry entry = format.read(json.readTree(message)).get(0);

    assertThat(entry.errors()).isEmpty();
    assertThat(entry.alert().summary()).as("the alert's name stands in").isEqualTo("DiskFull");
    assertThat(entry.alert().description()).isNull();
    assertThat(entry.alert().severity()).isNull();
    assertThat(entry.alert().dedupKey()).as("computed from the labels").hasSize("alertmanager:".length() + 16);
  }

  @Test
  void shouldUseTheConfiguredServiceLabelAndComputeAMissingFingerprintFromTheLabels() throws Exception {
    AlertmanagerFormat byApp = new AlertmanagerFormat(
        new ServiceCatalog(new ServiceCatalogProperties(List.of(
            new ServiceDefinition("checkout", "Checkout", 1, "application", "runbook", null, null)))),
        new IntakeProperties("token", "app", Duration.ofMinutes(5), Duration.ofSeconds(5), 50, 1));
    String message = """
        {"version": "4", "alerts": [{"status": "resolved", "labels": {"app": "checkout", "alertname": "Down"}}]}""";

    Alert alert = byApp.read(json.readTree(message)).get(0).alert();
    Alert again = byApp.read(json.readTree(message)).get(0).alert();

    assertThat(alert.serviceId()).isEqualTo("checkout");
    assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert.dedupKey()).startsWith("alertmanager:").hasSize("alertmanager:".length() + 16)
        .isEqualTo(again.dedupKey());
    assertThat(alert.summary()).isEqualTo("Down");
  }

  @Test
  void shouldNameEveryBadFieldOfAnAlert() throws Exception {
    String message = """
        {"version": "4", "alerts": [{"status": "burning", "labels": {"service": "billing", "team": 7}}]}""";

    List<String> errors = format.read(json.readTree(message)).get(0).errors();

    assertThat(errors).containsExactlyInAnyOrder(
        "alerts[0].status: must be \"firing\" or \"resolved\", not \"burning\"",
        "alerts[0].labels.team: must be a string",
        "alerts[0].labels.service: unknown service 'billing'");
  }

  @Test
  void shouldRejectOnlyAMessageWhoseAlertsCannotBeRead() throws Exception {
    assertThatThrownBy(() -> format.read(json.readTree("{\"version\": \"3\", \"alerts\": {}}")))
        .isInstanceOf(InvalidAlertException.class)
        .satisfies(e -> assertThat(((InvalidAlertException) e).errors()).containsExactly(
            "alerts: is required and must be an array"));
  }

  @Test
  void shouldReadAMessageOfAnotherVersionAndCutOverlongTextRatherThanDropTheAlert() throws Exception {
    String message = """
        {"version": "5", "alerts": [{"status": "firing", "labels": {"service": "checkout", "alertname": "Slow"},
          "annotations": {"summary": "%s", "description": "%s"}, "generatorURL": "http://prometheus/graph?g0.expr=%s"}]}"""
        .formatted("s".repeat(2000), "d".repeat(9000), "q".repeat(3000));

    List<AlertmanagerFormat.Entry> entries = format.read(json.readTree(message));

    assertThat(entries).singleElement().satisfies(entry -> {
      assertThat(entry.errors()).isEmpty();
      assertThat(entry.alert().summary()).hasSize(1024).endsWith("…");
      assertThat(entry.alert().description()).startsWith("d".repeat(7999) + "…")
          .as("a cut link leads nowhere").doesNotContain("Source:");
    });
  }

  @Test
  void shouldCutAnOverlongAlertnameThatStandsInForAMissingSummary() throws Exception {
    String message = """
        {"version": "4", "alerts": [{"status": "firing", "labels": {"service": "checkout", "alertname": "%s"}}]}"""
        .formatted("A".repeat(2000));

    Alert alert = format.read(json.readTree(message)).get(0).alert();

    assertThat(alert.summary()).hasSize(1024).startsWith("AAA").endsWith("…");
  }
}
