package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 checks, without a server. */
class PagerDutyFormatTest {

  static final String KEY = "cafe0000000000000000000000000002";
  private final ObjectMapper json = new ObjectMapper();
  private final PagerDutyFormat format = new PagerDutyFormat(new ServiceCatalog(new ServiceCatalogProperties(List.of(
      new ServiceDefinition("search", "Search", 2, "database", "runbook", KEY, null)))));

  @Test
  void shouldScopeTheDedupKeyByRoutingKeyAndGiveTheClientItsOwnKeyBack() throws Exception {
    Alert alert = format.read(json.readTree("""
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-full",
         "payload": {"summary": "Disk full", "source": "db-1", "severity": "warning", "timestamp": "2026-11-24T08:42:58.315+0000"}}"""
        .formatted(KEY)));

    assertThat(alert.dedupKey()).isEqualTo("pagerduty:" + KEY + ":disk-full");
    assertThat(PagerDutyFormat.clientKey(alert)).isEqualTo("disk-full");
    assertThat(alert.serviceId()).isEqualTo("search");
    assertThat(alert.severity()).isEqualTo("warning");
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
  }

  @Test
  void shouldRequireADedupKeyToAcknowledgeOrResolve() {
    assertThatThrownBy(() -> format.read(json.readTree("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"resolve\"}")))
        .satisfies(e -> assertThat(((InvalidAlertException) e).errors()).containsExactly("dedup_key: is required for resolve"));
  }

  @Test
  void shouldRejectAnUnknownRoutingKeyAndAnUnknownAction() {
    assertThatThrownBy(() -> format.read(json.readTree(
        "{\"routing_key\": \"00000000000000000000000000000000\", \"event_action\": \"snooze\", \"dedup_key\": \"k\"}")))
        .satisfies(e -> assertThat(((InvalidAlertException) e).errors()).containsExactly(
            "routing_key: is not the integration key of any service",
            "event_action: must be one of trigger, acknowledge, resolve"));
  }

  @Test
  void shouldAcceptBothFormsOfIsoOffsets() {
    assertThat(PagerDutyFormat.isIso8601("2026-11-24T08:42:58.315+0000")).isTrue();
    assertThat(PagerDutyFormat.isIso8601("2026-11-24T08:42:58Z")).isTrue();
    assertThat(PagerDutyFormat.isIso8601("yesterday")).isFalse();
  }
}
