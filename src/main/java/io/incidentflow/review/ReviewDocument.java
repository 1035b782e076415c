package io.incidentflow.review;

import io.incidentflow.incident.Incident;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.reporting.ReportMath;
import io.incidentflow.sla.SlaClockView;
import io.incidentflow.tasklist.IncidentContext;
import io.incidentflow.timeline.TimelineStep;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.web.util.HtmlUtils;

/**
 * The review document kept with the incident: summary, impact, timeline, SLA results, downtime and its cost,
 * cause, action items. One outline, written twice: as Markdown (to paste into a wiki or a ticket) and as a
 * standalone HTML page. Everything people wrote is escaped in both.
 */
final class ReviewDocument {

  /** What the document is written from. */
  record Facts(Incident incident, String serviceName, String commander, ReviewRepository.Review meeting,
      Function<String, Object> answers, List<SlaClockView> slas, List<TimelineStep> timeline,
      List<ActionItem> actionItems, BigDecimal costPerMinute, String currency, ZoneId zone) {}

  record Written(String markdown, String html) {}

  /** A table: header and rows of plain (unescaped) text. */
  private record Table(List<String> header, List<List<String>> rows) {}

  /** A section: a heading, paragraphs of plain text, and an optional table. */
  private record Section(String heading, List<String> paragraphs, Table table) {}

  private ReviewDocument() {}

  static Written write(Facts facts) {
    Incident incident = facts.incident();
    String title = "Post-incident review: " + incident.id() + " – " + incident.title();
    List<Section> sections = new ArrayList<>();
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH).withZone(facts.zone());

    List<String> summary = new ArrayList<>();
    summary.add("Service: " + facts.serviceName() + " · Severity: " + incident.severity() + " · Status: "
        + incident.status());
    summary.add("Opened " + time.format(incident.openedAt())
        + (incident.resolvedAt() == null ? "; not resolved." : "; resolved " + time.format(incident.resolvedAt()) + "."));
    if (facts.commander() != null) {
      summary.add("Incident commander: " + facts.commander());
    }
    if (facts.meeting() != null) {
      int moves = facts.meeting().sequence();
      summary.add("Review meeting: " + time.format(facts.meeting().meetingStart()) + " to "
          + time.format(facts.meeting().meetingEnd())
          + (moves == 0 ? "" : moves == 1 ? " (rescheduled once)" : " (rescheduled " + moves + " times)"));
    }
    text(facts.answers().apply(IncidentVariables.DESCRIPTION)).ifPresent(summary::add);
    sections.add(new Section("Summary", summary, null));

    List<String> impact = new ArrayList<>();
    impact.add(incident.customerImpact() ? "Customers were affected." : "No customer impact was found.");
    text(facts.answers().apply(IncidentVariables.IMPACT_DESCRIPTION)).ifPresent(impact::add);
    if (incident.resolvedAt() != null) {
      long seconds = Duration.between(incident.openedAt(), incident.resolvedAt()).toSeconds();
      BigDecimal cost = ReportMath.cost(seconds, facts.costPerMinute());
      impact.add("Downtime: " + ReportMath.minutes(seconds) + " minutes"
          + (cost == null ? " (the service has no cost per minute)." : "; cost " + cost + " " + facts.currency()
              + " (downtime minutes × " + facts.costPerMinute().setScale(2, RoundingMode.HALF_UP).toPlainString() + " "
              + facts.currency() + " per minute)."));
    }
    sections.add(new Section("Impact and downtime", impact, null));

    sections.add(new Section("Cause", paragraphs(facts.answers(), IncidentVariables.ROOT_CAUSE, "Root cause",
        ReviewProcess.CONTRIBUTING_FACTORS, "Contributing factors", IncidentVariables.WENT_WELL, "What went well",
        IncidentVariables.WENT_BADLY, "What went badly"), null));

    sections.add(new Section("SLA results", List.of(), new Table(List.of("SLA", "target", "state", "due", "stopped",
        "working time"), facts.slas().stream().map(sla -> List.of(sla.clock(), sla.target(),
            sla.state().name().toLowerCase(Locale.ROOT), format(time, sla.dueAt()), format(time, sla.stoppedAt()),
            sla.elapsedTime().toString())).toList())));

    sections.add(new Section("Timeline", List.of(), timelineTable(facts.timeline(), time)));

    sections.add(new Section("Action items", facts.actionItems().isEmpty() ? List.of("None.") : List.of(),
        facts.actionItems().isEmpty() ? null : new Table(List.of("#", "action", "owner", "due", "outcome", "note"),
            facts.actionItems().stream().map(item -> List.of(String.valueOf(item.position() + 1), item.description(),
                item.owner(), time.format(item.dueAt()), outcome(item, time),
                item.note() == null ? "" : item.note())).toList())));

    return new Written(markdown(title, sections), html(title, sections));
  }

  /** The timeline alone, as Markdown: what the review's form shows. */
  static String timeline(List<TimelineStep> steps, ZoneId zone) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH).withZone(zone);
    return markdown(null, List.of(new Section("Timeline", List.of(), timelineTable(steps, time))));
  }

  /**
   * What people and the platform did, with its targets: not the model's inner steps (gateways, sub-process starts)
   * nor the variable changes (the answers show in the review itself).
   */
  private static Table timelineTable(List<TimelineStep> steps, DateTimeFormatter time) {
    return new Table(List.of("time", "what", "who", "met"),
        steps.stream().filter(step -> step.kind() != TimelineStep.Kind.VARIABLE && step.kind() != TimelineStep.Kind.ACTIVITY)
            .map(step -> List.of(time.format(step.at()), step.kind().label() + ": " + step.what(),
                step.who() == null ? "" : step.who(), step.met() == null ? "" : step.met() ? "yes" : "no"))
            .toList());
  }

  private static String outcome(ActionItem item, DateTimeFormatter time) {
    String status = item.status().name().toLowerCase(Locale.ROOT);
    return item.closedAt() == null ? status : status + " by " + item.closedBy() + ", " + time.format(item.closedAt())
        + (item.closedAt().isAfter(item.dueAt()) ? " (late)" : "");
  }

  private static List<String> paragraphs(Function<String, Object> answers, String... namesAndLabels) {
    List<String> result = new ArrayList<>();
    for (int i = 0; i < namesAndLabels.length; i += 2) {
      String label = namesAndLabels[i + 1];
      result.add(label + ": " + text(answers.apply(namesAndLabels[i])).orElse("—"));
    }
    return result;
  }

  private static java.util.Optional<String> text(Object value) {
    return value == null || value.toString().isBlank() ? java.util.Optional.empty()
        : java.util.Optional.of(value.toString().strip());
  }

  private static String format(DateTimeFormatter time, Instant instant) {
    return instant == null ? "" : time.format(instant);
  }

  private static String markdown(String title, List<Section> sections) {
    StringBuilder out = new StringBuilder(title == null ? "" : "# " + md(title) + "\n");
    for (Section section : sections) {
      out.append("\n## ").append(md(section.heading())).append("\n\n");
      section.paragraphs().forEach(paragraph -> out.append(md(paragraph).replace("\n", "  \n")).append("\n\n"));
      if (section.table() != null) {
        out.append("| ").append(String.join(" | ", section.table().header().stream().map(ReviewDocument::cell).toList()))
            .append(" |\n|").append("---|".repeat(section.table().header().size())).append("\n");
        section.table().rows().forEach(row -> out.append("| ")
            .append(String.join(" | ", row.stream().map(ReviewDocument::cell).toList())).append(" |\n"));
      }
    }
    return out.toString().strip() + "\n";
  }

  private static String md(String text) {
    return IncidentContext.escape(text);
  }

  /** A table cell: escaped, on one line, its pipes escaped. */
  private static String cell(String text) {
    return md(text).replace("\r", "").replace("\n", " ").replace("|", "\\|");
  }

  private static String html(String title, List<Section> sections) {
    // The staff pages' stylesheet, not inline style: their Content-Security-Policy allows no inline style.
    StringBuilder out = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>""").append(h(title)).append("""
        </title><link rel="stylesheet" href="/staff/staff.css"></head><body class="review-document">
        """).append("<h1>").append(h(title)).append("</h1>\n");
    for (Section section : sections) {
      out.append("<h2>").append(h(section.heading())).append("</h2>\n");
      section.paragraphs().forEach(paragraph -> out.append("<p>").append(h(paragraph).replace("\n", "<br>"))
          .append("</p>\n"));
      if (section.table() != null) {
        out.append("<table><thead><tr>");
        section.table().header().forEach(cell -> out.append("<th>").append(h(cell)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        section.table().rows().forEach(row -> {
          out.append("<tr>");
          row.forEach(cell -> out.append("<td>").append(h(cell)).append("</td>"));
          out.append("</tr>\n");
        });
        out.append("</tbody></table>\n");
      }
    }
    return out.append("</body></html>\n").toString();
  }

  private static String h(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
