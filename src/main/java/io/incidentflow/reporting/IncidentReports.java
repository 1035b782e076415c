package io.incidentflow.reporting;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.reporting.IncidentFigures.Figures;
import io.incidentflow.reporting.IncidentFigures.Report;
import io.incidentflow.reporting.IncidentFigures.SlaStep;
import io.incidentflow.reporting.IncidentFigures.Stat;
import io.incidentflow.reporting.IncidentFigures.ActionItems;
import io.incidentflow.reporting.IncidentReportQueries.ActionItemCount;
import io.incidentflow.reporting.IncidentReportQueries.SlaCount;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.springframework.stereotype.Service;

/** Response times, SLA results and downtime cost of the incidents of a period (README, "Reports"). */
@Service
public class IncidentReports {

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::service, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .thenComparing(Key::severity, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final IncidentReportQueries queries;
  private final ServiceCatalog catalog;
  private final ReportingProperties properties;
  private final Clock clock;

  public IncidentReports(IncidentReportQueries queries, ServiceCatalog catalog, ReportingProperties properties,
      Clock clock) {
    this.queries = queries;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  Report report(ReportFilter filter) {
    Map<Key, Tally> groups = new TreeMap<>(ORDER);
    Tally total = new Tally();
    queries.eachIncident(filter, incident -> {
      groups.computeIfAbsent(new Key(incident.service(), incident.severity()), key -> new Tally()).add(incident);
      total.add(incident);
    });
    for (SlaCount count : queries.slaCounts(filter, clock.instant())) {
      groups.computeIfAbsent(new Key(count.service(), count.severity()), key -> new Tally()).add(count);
      total.add(count);
    }
    for (ActionItemCount count : queries.actionItemCounts(filter, clock.instant())) {
      groups.computeIfAbsent(new Key(count.service(), count.severity()), key -> new Tally()).add(count);
      total.add(count);
    }
    List<Figures> figures = new ArrayList<>();
    BigDecimal totalCost = BigDecimal.ZERO.setScale(2);
    for (Map.Entry<Key, Tally> group : groups.entrySet()) {
      BigDecimal perMinute = catalog.find(group.getKey().service()).map(ServiceDefinition::costPerMinute).orElse(null);
      Figures one = group.getValue().figures(group.getKey(), ReportMath.cost(group.getValue().downtimeSeconds, perMinute));
      figures.add(one);
      totalCost = one.downtimeCost() == null ? totalCost : totalCost.add(one.downtimeCost());
    }
    return new Report(filter.from(), filter.to(), filter.service(), filter.severity(), properties.currency(),
        List.copyOf(figures), total.figures(new Key(null, null), totalCost));
  }

  private record Key(String service, String severity) {}

  /** One group's incidents, added up row by row: the durations kept as plain longs for the percentiles. */
  private static final class Tally {
    private int incidents;
    private final LongStream.Builder acknowledge = LongStream.builder();
    private final LongStream.Builder resolve = LongStream.builder();
    private final LongStream.Builder mitigate = LongStream.builder();
    private long downtimeSeconds;
    private final Map<String, long[]> sla = new TreeMap<>();
    private final long[] actionItems = new long[4];

    void add(IncidentTimes incident) {
      incidents++;
      if (incident.acknowledgedAt() != null) {
        acknowledge.add(ReportMath.seconds(incident.openedAt(), incident.acknowledgedAt()));
      }
      if (incident.resolvedAt() != null) {
        long seconds = ReportMath.seconds(incident.openedAt(), incident.resolvedAt());
        resolve.add(seconds);
        downtimeSeconds += seconds;
      }
      if (incident.mitigatedAt() != null) {
        mitigate.add(ReportMath.seconds(incident.openedAt(), incident.mitigatedAt()));
      }
    }

    void add(SlaCount count) {
      long[] sums = sla.computeIfAbsent(count.clock(), clock -> new long[3]);
      sums[0] += count.met();
      sums[1] += count.breached();
      sums[2] += count.clocks() - count.met() - count.breached();
    }

    void add(ActionItemCount count) {
      actionItems[0] += count.total();
      actionItems[1] += count.open();
      actionItems[2] += count.overdue();
      actionItems[3] += count.closedLate();
    }

    Figures figures(Key key, BigDecimal cost) {
      Stat mtta = Stat.of(acknowledge.build().toArray());
      Stat mttr = Stat.of(resolve.build().toArray());
      Stat ttm = Stat.of(mitigate.build().toArray());
      List<SlaStep> steps = sla.entrySet().stream()
          .map(step -> new SlaStep(step.getKey(), step.getValue()[0], step.getValue()[1], step.getValue()[2]))
          .toList();
      return new Figures(key.service(), key.severity(), incidents, mtta, incidents - mtta.count(), mttr,
          incidents - mttr.count(), ttm, incidents - ttm.count(), ReportMath.minutes(downtimeSeconds),
          cost, steps, new ActionItems(actionItems[0], actionItems[1], actionItems[2], actionItems[3]));
    }
  }
}
