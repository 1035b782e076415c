package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What real senders send, read without a server: one firing and one resolved message per sender and version,
 * recorded from the real program (Alertmanager 0.25) or built from the sender's source (see
 * src/test/resources/intake/README.md).
 */
class RealSendersTest {

  /**
   * A firing message and the resolved message of the same alerts.
   *
   * @param fingerprints the sender's own fingerprint of each alert, in message order
   */
  record Sender(String name, String firing, String resolved, String service, String severity, String summary,
      List<String> fingerprints) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Sender> senders() {
    return Stream.of(
        new Sender("Alertmanager 0.25 (recorded), Prometheus-style alerts", "alertmanager-0.25-firing.json",
            "alertmanager-0.25-resolved.json", "checkout", "critical",
            "Checkout returns 5xx for more than 5% of requests", List.of("7cdf9de1a75f109f", "9a008badfc0e62ce")),
        new Sender("Alertmanager 0.25 (recorded), alert posted like amtool", "alertmanager-0.25-amtool-firing.json",
            "alertmanager-0.25-amtool-resolved.json", "search", null, "SearchIndexStale", List.of("1e7204aa875990ac")),
        new Sender("Alertmanager 0.26, child route", "alertmanager-0.26-firing.json", "alertmanager-0.26-resolved.json",
            "search", "warning", "Search p99 latency above 500 ms", List.of("adc9f2380ee9ca88", "8463eff8e6d524b7")),
        new Sender("Alertmanager 0.27, max_alerts truncating", "alertmanager-0.27-firing.json",
            "alertmanager-0.27-resolved.json", "login", "critical", "Login burns its error budget 14x too fast",
            List.of("82b8033cc5f2345c")),
        new Sender("Alertmanager 0.28, group_by ['...']", "alertmanager-0.28-firing.json",
            "alertmanager-0.28-resolved.json", "checkout", "critical",
            "Pod shop/checkout-7d9f8b6c5-x2k4p is crash looping", List.of("153dcfc72dba3103")),
        new Sender("Grafana 11 webhook contact point", "grafana-11-webhook-firing.json",
            "grafana-11-webhook-resolved.json", "checkout", "critical", "Checkout is slow",
            List.of("cbc02477ec442323", "eb4a7500799b0ea0")),
        new Sender("Grafana 10 webhook, DatasourceNoData", "grafana-10-webhook-nodata-firing.json",
            "grafana-10-webhook-nodata-resolved.json", "search", null, "DatasourceNoData",
            List.of("2822cff743131a77")));
  }

  private final ObjectMapper json = new ObjectMapper();
  private final AlertmanagerFormat format = new AlertmanagerFormat(
      new ServiceCatalog(new ServiceCatalogProperties(List.of(
          service("unrouted"), service("checkout"), service("search"), service("login")), "unrouted")),
      new IntakeProperties("token", "service", Duration.ofMinutes(5), Duration.ofSeconds(5), 50, 1));

  @ParameterizedTest(name = "{0}")
  @MethodSource("senders")
  void shouldReadEveryAlertOfTheFiringAndTheResolvedMessageUnderTheSendersOwnFingerprint(Sender sender)
      throws Exception {
    List<AlertmanagerFormat.Entry> firing = format.read(fixture(sender.firing()));
    List<AlertmanagerFormat.Entry> resolved = format.read(fixture(sender.resolved()));

    assertThat(firing).hasSize(sender.fingerprints().size());
    assertThat(resolved).hasSize(sender.fingerprints().size());
    for (int i = 0; i < firing.size(); i++) {
      assertThat(firing.get(i).errors()).as("errors of firing alert %d", i).isEmpty();
      assertThat(resolved.get(i).errors()).as("errors of resolved alert %d", i).isEmpty();
      Alert fired = firing.get(i).alert();
      Alert ended = resolved.get(i).alert();
      assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
      assertThat(ended.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(fired.dedupKey()).as("the sender's fingerprint").isEqualTo("alertmanager:" + sender.fingerprints().get(i))
          .as("the same alert, firing and resolved").isEqualTo(ended.dedupKey());
      assertThat(firing.get(i).note()).as("routed by its service label").isNull();
      assertThat(fired.serviceId()).isEqualTo(sender.service());
      assertThat(fired.severity()).isEqualTo(sender.severity());
      assertThat(fired.summary()).isEqualTo(sender.summary());
      assertThat(fired.groupKey()).isNotBlank().isEqualTo(ended.groupKey());
    }
  }

  @Test
  void shouldKeepTheSourceLinkOfAGrafanaAlertWithItsQuery() throws Exception {
    Alert alert = format.read(fixture("grafana-11-webhook-firing.json")).get(0).alert();

    assertThat(alert.description()).isEqualTo("p95 latency of checkout-1:8080 is above 1.5 s\n\n"
        + "Source: https://grafana.example/alerting/grafana/ce62yqr5nwhs1a/view?orgId=1");
    assertThat(alert.groupKey()).isEqualTo("{}/{__grafana_autogenerated__=\"true\"}/{__grafana_receiver__=\"IncidentFlow\"}"
        + ":{alertname=\"CheckoutLatencyHigh\", grafana_folder=\"Checkout\"}");
  }

  @Test
  void shouldOpenGrafanasContactPointTestOnTheCatchAllServiceAsItNamesNoService() throws Exception {
    AlertmanagerFormat.Entry entry = format.read(fixture("grafana-11-webhook-test-notification.json")).get(0);

    assertThat(entry.errors()).isEmpty();
    assertThat(entry.alert().serviceId()).isEqualTo("unrouted");
    assertThat(entry.alert().summary()).isEqualTo("Notification test");
    assertThat(entry.alert().dedupKey()).isEqualTo("alertmanager:57c6d9296de2ad39");
    assertThat(entry.note()).isEqualTo("alerts[0].labels.service is missing: opened on the catch-all service 'unrouted'");
  }

  private JsonNode fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/intake/" + name)) {
      assertThat(in).as(name).isNotNull();
      return json.readTree(in);
    }
  }

  private static ServiceDefinition service(String id) {
    return new ServiceDefinition(id, id, 1, "application", "runbook", null, null);
  }
}
