package io.incidentflow.reporting;

import io.incidentflow.reporting.IncidentFigures.Figures;
import io.incidentflow.reporting.IncidentFigures.Report;
import io.incidentflow.reporting.IncidentFigures.Stat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The report as its HTML page shows it (template report.html): one bar chart per figure, drawn as server-side
 * SVG (no script, no library), the bars scaled to the largest group.
 */
record ReportPage(Report report, List<Chart> charts, String query) {

  static final int BAR_WIDTH = 480;

  /** @param unit minutes or the currency */
  record Chart(String title, String unit, List<Bar> bars) {}

  /** @param value null when the group has no such figure (nobody acknowledged, no cost per minute) */
  record Bar(String label, BigDecimal value, int width, int y) {}

  static ReportPage of(Report report, String query) {
    return new ReportPage(report, List.of(
        chart("Mean time to acknowledge (MTTA)", "min", report.groups(), figures -> minutes(figures.mtta())),
        chart("Mean time to resolve (MTTR)", "min", report.groups(), figures -> minutes(figures.mttr())),
        chart("Downtime cost", report.currency(), report.groups(), Figures::downtimeCost)), query);
  }

  /** The table's rows: each group, then the total. */
  public List<Figures> rows() {
    List<Figures> rows = new ArrayList<>(report.groups());
    rows.add(report.total());
    return rows;
  }

  static String label(Figures figures) {
    return figures.service() + " · " + figures.severity();
  }

  private static BigDecimal minutes(Stat stat) {
    return stat.meanSeconds() == null ? null : stat.meanSeconds().divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
  }

  private static Chart chart(String title, String unit, List<Figures> groups,
      Function<Figures, BigDecimal> figure) {
    BigDecimal max = groups.stream().map(figure).filter(Objects::nonNull).max(BigDecimal::compareTo)
        .orElse(BigDecimal.ZERO);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      BigDecimal value = figure.apply(groups.get(i));
      int width = value == null || max.signum() == 0 ? 0
          : value.multiply(BigDecimal.valueOf(BAR_WIDTH)).divide(max, 0, RoundingMode.HALF_UP).intValue();
      bars.add(new Bar(label(groups.get(i)), value, width, i * 26));
    }
    return new Chart(title, unit, List.copyOf(bars));
  }
}
