package io.incidentflow.reporting;

import io.incidentflow.reporting.IncidentFigures.ActionItems;
import io.incidentflow.reporting.IncidentReportQueries.ActionItemCount;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.reporting.IncidentFigures.Figures;
import io.incidentflow.reporting.IncidentFigures.Report;
import io.incidentflow.reporting.IncidentFigures.SlaStep;
import io.incidentflow.reporting.IncidentReportQueries.SlaCount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Grouping, the left-out counts, the total's percentiles and costs, and the CSV, over rows given by hand. */
class IncidentReportsTest {

  static final Instant OPEN = Instant.parse("2031-03-03T10:00:00Z");
  static final ReportFilter MARCH = new ReportFilter(Instant.parse("2031-03-01T00:00:00Z"),
      Instant.parse("2031-04-01T00:00:00Z"), null, null);

  final List<IncidentTimes> rows = List.of(
      // checkout SEV1: acknowledged after 4 min, resolved after 50; acknowledged after 6 min, fallback at 20, open
      new IncidentTimes("checkout", "SEV1", OPEN, OPEN.plusSeconds(240), null, OPEN.plusSeconds(3000)),
      new IncidentTimes("checkout", "SEV1", OPEN, OPEN.plusSeconds(360), OPEN.plusSeconds(1200), null),
      // search SEV3: never acknowledged, resolved after 10 min; the catch-all has no cost per minute
      new IncidentTimes("search", "SEV3", OPEN, null, null, OPEN.plusSeconds(600)),
      new IncidentTimes("unrouted", "SEV2", OPEN, OPEN.plusSeconds(60), null, OPEN.plusSeconds(120)));

  final IncidentReportQueries queries = new IncidentReportQueries(null) {
    @Override
    void eachIncident(ReportFilter filter, Consumer<IncidentTimes> each) {
      rows.forEach(each);
    }

    @Override
    List<SlaCount> slaCounts(ReportFilter filter, Instant now) {
      return List.of(new SlaCount("checkout", "SEV1", "acknowledge", 1, 1, 2),
          new SlaCount("search", "SEV3", "acknowledge", 0, 1, 1),
          new SlaCount("checkout", "SEV1", "resolve", 0, 0, 2));
    }

    @Override
    List<ActionItemCount> actionItemCounts(ReportFilter filter, Instant now) {
      return List.of(new ActionItemCount("checkout", "SEV1", 3, 1, 1, 1),
          new ActionItemCount("search", "SEV3", 1, 1, 0, 0));
    }
  };

  final ServiceCatalog catalog = new ServiceCatalog(new ServiceCatalogProperties(List.of(
      service("checkout", "120.00"), service("search", "15.50"), service("unrouted", null))));

  final IncidentReports reports = new IncidentReports(queries, catalog, new ReportingProperties("EUR"),
      Clock.fixed(OPEN.plusSeconds(7200), ZoneOffset.UTC));

  @Test
  void shouldGroupByServiceAndSeverityAndLeaveOutWhatDidNotHappen() {
    Report report = reports.report(MARCH);

    assertThat(report.groups()).extracting(Figures::service).containsExactly("checkout", "search", "unrouted");
    Figures checkout = report.groups().get(0);
    assertThat(checkout.incidents()).isEqualTo(2);
    assertThat(checkout.mtta().count()).isEqualTo(2);
    assertThat(checkout.mtta().meanSeconds()).isEqualTo(new BigDecimal("300.0"));
    assertThat(checkout.mtta().p90Seconds()).isEqualTo(360L);
    assertThat(checkout.mttr().count()).isEqualTo(1);
    assertThat(checkout.unresolved()).isEqualTo(1);
    assertThat(checkout.mttr().meanSeconds()).isEqualTo(new BigDecimal("3000.0"));
    assertThat(checkout.timeToMitigate().meanSeconds()).as("(3000 + 1200) / 2").isEqualTo(new BigDecimal("2100.0"));
    assertThat(checkout.downtimeMinutes()).isEqualTo(new BigDecimal("50.00"));
    assertThat(checkout.downtimeCost()).isEqualTo(new BigDecimal("6000.00"));
    assertThat(checkout.sla()).containsExactly(new SlaStep("acknowledge", 1, 1, 0), new SlaStep("resolve", 0, 0, 2));

    Figures search = report.groups().get(1);
    assertThat(search.notAcknowledged()).isEqualTo(1);
    assertThat(search.mtta().meanSeconds()).isNull();
    assertThat(search.downtimeCost()).isEqualTo(new BigDecimal("155.00"));
    assertThat(report.groups().get(2).downtimeCost()).as("no cost per minute").isNull();
    assertThat(checkout.actionItems()).isEqualTo(new ActionItems(3, 1, 1, 1));
    assertThat(report.groups().get(2).actionItems()).as("none raised").isEqualTo(new ActionItems(0, 0, 0, 0));
  }

  @Test
  void shouldTotalOverEveryIncidentNotOverTheGroups() {
    Figures total = reports.report(MARCH).total();

    assertThat(total.incidents()).isEqualTo(4);
    assertThat(total.mtta().count()).isEqualTo(3);
    assertThat(total.notAcknowledged()).isEqualTo(1);
    assertThat(total.mtta().meanSeconds()).as("(240 + 360 + 60) / 3").isEqualTo(new BigDecimal("220.0"));
    assertThat(total.mttr().p90Seconds()).isEqualTo(3000L);
    assertThat(total.downtimeMinutes()).as("50 + 10 + 2").isEqualTo(new BigDecimal("62.00"));
    assertThat(total.downtimeCost()).as("of the services with a cost").isEqualTo(new BigDecimal("6155.00"));
    assertThat(total.sla()).containsExactly(new SlaStep("acknowledge", 1, 2, 0), new SlaStep("resolve", 0, 0, 2));
    assertThat(total.actionItems()).isEqualTo(new ActionItems(4, 2, 1, 1));
  }

  @Test
  void shouldWriteOneCsvRowPerGroupAndATotal() {
    String[] lines = IncidentReportCsv.write(reports.report(MARCH)).split("\r\n");

    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("row,service,severity,incidents,mtta_count,mtta_mean_s,mtta_p90_s,")
        .contains(",currency,action_items,action_items_open,action_items_overdue,action_items_closed_late,")
        .endsWith(",sla_acknowledge_met,sla_acknowledge_breached,sla_acknowledge_open,sla_resolve_met,"
            + "sla_resolve_breached,sla_resolve_open");
    assertThat(lines[1]).isEqualTo("group,checkout,SEV1,2,2,300.0,360,0,1,3000.0,3000,1,2,2100.0,3000,0,50.00,"
        + "6000.00,EUR,3,1,1,1,1,1,0,0,0,2");
    assertThat(lines[3]).isEqualTo("group,unrouted,SEV2,1,1,60.0,60,0,1,120.0,120,0,1,120.0,120,0,2.00,,EUR,0,0,0,0,0,0,0,0,0,0");
    assertThat(lines[4]).startsWith("total,,,4,3,220.0,360,1,").contains(",62.00,6155.00,EUR,");
  }

  private static ServiceDefinition service(String id, String costPerMinute) {
    return new ServiceDefinition(id, id, 1, "application", "runbook", null, null,
        costPerMinute == null ? null : new BigDecimal(costPerMinute));
  }
}
