package io.incidentflow.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks a report passes before it opens an incident; no database needed. */
class IncidentServiceTest {

  private final IncidentService service = new IncidentService(null, null, new ServiceCatalog(
      new ServiceCatalogProperties(List.of(new ServiceDefinition("checkout", "Checkout", 1, "application", "runbook", null, null)))),
      Clock.systemUTC(), event -> {});

  @Test
  void shouldAcceptAReportOfAKnownService() {
    assertThat(service.validate(report("checkout", "Card payments fail", "SEV2")).name()).isEqualTo("Checkout");
  }

  @Test
  void shouldAcceptAlertSeveritiesAndNoSeverity() {
    assertThat(service.validate(report("checkout", "Disk full", "critical"))).isNotNull();
    assertThat(service.validate(report("checkout", "Disk full", null))).isNotNull();
    assertThat(service.validate(report("checkout", "Disk full", ""))).isNotNull();
  }

  @Test
  void shouldNameTheUnknownServiceAndTheKnownOnes() {
    assertThatThrownBy(() -> service.validate(report("billing", "Down", null)))
        .isInstanceOf(InvalidIncidentException.class)
        .hasMessage("serviceId: unknown service 'billing'; known: [checkout]")
        .extracting("field").isEqualTo("serviceId");
  }

  @Test
  void shouldRejectAMissingTitle() {
    assertThatThrownBy(() -> service.validate(report("checkout", "  ", null))).hasMessage("title: is required");
  }

  @Test
  void shouldRejectATitleThatCouldInjectAMailHeader() {
    assertThatThrownBy(() -> service.validate(report("checkout", "Down\r\nBcc: all@example.com", null)))
        .hasMessage("title: must be one line without control characters");
  }

  @Test
  void shouldRejectAnOverlongTitle() {
    assertThatThrownBy(() -> service.validate(report("checkout", "x".repeat(201), null)))
        .hasMessage("title: is longer than 200 characters");
  }

  @Test
  void shouldRejectAnUnknownSeverity() {
    assertThatThrownBy(() -> service.validate(report("checkout", "Down", "SEV9")))
        .hasMessageStartingWith("reportedSeverity: must be one of");
  }

  private static IncidentReport report(String service, String title, String severity) {
    return new IncidentReport(service, title, "description", true, severity, "ivy");
  }
}
