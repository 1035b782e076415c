package io.incidentflow.reporting;

import io.incidentflow.reporting.IncidentFigures.Figures;
import io.incidentflow.reporting.IncidentFigures.Report;
import io.incidentflow.reporting.IncidentFigures.SlaStep;
import io.incidentflow.reporting.IncidentFigures.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The report as CSV (RFC 4180, CRLF): a header, one row per service and severity ({@code row} = group), then the
 * total ({@code row} = total). Durations in seconds, downtime in minutes, SLA counts per step as columns.
 */
final class IncidentReportCsv {

  private IncidentReportCsv() {}

  static String write(Report report) {
    List<String> clocks = report.total().sla().stream().map(SlaStep::clock).toList();
    List<String> header = new ArrayList<>(List.of("row", "service", "severity", "incidents",
        "mtta_count", "mtta_mean_s", "mtta_p90_s", "not_acknowledged",
        "mttr_count", "mttr_mean_s", "mttr_p90_s", "unresolved",
        "ttm_count", "ttm_mean_s", "ttm_p90_s", "not_mitigated",
        "downtime_minutes", "downtime_cost", "currency",
        "action_items", "action_items_open", "action_items_overdue", "action_items_closed_late"));
    for (String clock : clocks) {
      header.add("sla_" + clock + "_met");
      header.add("sla_" + clock + "_breached");
      header.add("sla_" + clock + "_open");
    }
    StringBuilder csv = new StringBuilder();
    line(csv, header);
    for (Figures group : report.groups()) {
      line(csv, row("group", group, clocks, report.currency()));
    }
    line(csv, row("total", report.total(), clocks, report.currency()));
    return csv.toString();
  }

  private static List<String> row(String kind, Figures figures, List<String> clocks, String currency) {
    List<String> row = new ArrayList<>(List.of(kind, text(figures.service()), text(figures.severity()),
        text(figures.incidents())));
    stat(row, figures.mtta(), figures.notAcknowledged());
    stat(row, figures.mttr(), figures.unresolved());
    stat(row, figures.timeToMitigate(), figures.notMitigated());
    row.add(text(figures.downtimeMinutes()));
    row.add(text(figures.downtimeCost()));
    row.add(currency);
    row.add(text(figures.actionItems().total()));
    row.add(text(figures.actionItems().open()));
    row.add(text(figures.actionItems().overdue()));
    row.add(text(figures.actionItems().closedLate()));
    for (String clock : clocks) {
      SlaStep step = figures.sla().stream().filter(s -> s.clock().equals(clock)).findFirst()
          .orElse(new SlaStep(clock, 0, 0, 0));
      row.add(text(step.met()));
      row.add(text(step.breached()));
      row.add(text(step.open()));
    }
    return row;
  }

  private static void stat(List<String> row, Stat stat, int leftOut) {
    row.add(text(stat.count()));
    row.add(text(stat.meanSeconds()));
    row.add(text(stat.p90Seconds()));
    row.add(text(leftOut));
  }

  private static String text(Object value) {
    return value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : Objects.toString(value, "");
  }

  private static void line(StringBuilder csv, List<String> fields) {
    StringJoiner line = new StringJoiner(",", "", "\r\n");
    for (String field : fields) {
      boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
      line.add(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
    }
    csv.append(line);
  }
}
