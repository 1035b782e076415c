package io.incidentflow.tasklist;

import static io.incidentflow.incident.IncidentVariables.ACKNOWLEDGED_BY;
import static io.incidentflow.incident.IncidentVariables.ACKNOWLEDGEMENT_NOTE;
import static io.incidentflow.incident.IncidentVariables.AFFECTED_SERVICES;
import static io.incidentflow.incident.IncidentVariables.ALERTS;
import static io.incidentflow.incident.IncidentVariables.ALERT_COUNT;
import static io.incidentflow.incident.IncidentVariables.ALERT_LAST_SEEN_AT;
import static io.incidentflow.incident.IncidentVariables.ANSWER_RECEIVED;
import static io.incidentflow.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.incidentflow.incident.IncidentVariables.DESCRIPTION;
import static io.incidentflow.incident.IncidentVariables.FAIL_BACK_FAILURE_REASON;
import static io.incidentflow.incident.IncidentVariables.FALLBACK_FAILURE_REASON;
import static io.incidentflow.incident.IncidentVariables.IMPACT_DESCRIPTION;
import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;
import static io.incidentflow.incident.IncidentVariables.MONITORING_RECOVERED_AT;
import static io.incidentflow.incident.IncidentVariables.REPORTER;
import static io.incidentflow.incident.IncidentVariables.RESOLUTION_SUMMARY;
import static io.incidentflow.incident.IncidentVariables.RUNBOOK;
import static io.incidentflow.incident.IncidentVariables.SERVICE_NAME;
import static io.incidentflow.incident.IncidentVariables.SEVERITY;
import static io.incidentflow.incident.IncidentVariables.TITLE;
import static io.incidentflow.incident.IncidentVariables.TRAFFIC_CHANGES;
import static io.incidentflow.incident.IncidentVariables.WAITING_FOR;
import static io.incidentflow.incident.IncidentVariables.WORKAROUND_DESCRIPTION;

import io.incidentflow.incident.ProcessValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The incident as every task form shows it at the top, read-only: what and which, what was reported, what was
 * done so far, the runbook, and the alerts only when there are alerts. Markdown, which Camunda Forms' text
 * component renders ({@code "text": "=incidentContext"}); one place, so no form keeps its own copy of the list.
 * Everything people or monitoring wrote is escaped: a title cannot turn into a link or a heading.
 */
public final class IncidentContext {

  private static final Pattern MARKDOWN = Pattern.compile("([\\\\`*_\\[\\]{}<>#|~!])");

  private IncidentContext() {}

  /** @param variables the incident's variables by name (a task's or an execution's {@code getVariable}) */
  public static String markdown(Function<String, Object> variables) {
    Values values = new Values(variables);
    List<String> lines = new ArrayList<>();
    lines.add("### " + String.join(" · ", values.present(INCIDENT_ID, SERVICE_NAME, SEVERITY)));
    values.text(TITLE).ifPresent(title -> lines.add("**" + title + "**"));
    lines.add("");
    values.text(DESCRIPTION).ifPresent(description -> lines.add(quote(description)));
    values.text(REPORTER).ifPresent(reporter -> lines.add("Reported by " + reporter));
    lines.add("");

    List<String> soFar = new ArrayList<>();
    if (values.flag(CUSTOMER_IMPACT)) {
      soFar.add("Customers are affected" + values.text(IMPACT_DESCRIPTION).map(text -> ": " + text).orElse(""));
    } else {
      values.text(IMPACT_DESCRIPTION).ifPresent(text -> soFar.add("Impact: " + text));
    }
    List<String> affected = ProcessValues.strings(variables.apply(AFFECTED_SERVICES));
    if (!affected.isEmpty()) {
      soFar.add("Affected services: " + escape(String.join(", ", affected)));
    }
    values.text(ACKNOWLEDGED_BY).ifPresent(by -> soFar.add("Acknowledged by " + by
        + values.text(ACKNOWLEDGEMENT_NOTE).map(note -> ": " + note).orElse("")));
    values.text(FALLBACK_FAILURE_REASON).ifPresent(text -> soFar.add("Automatic fallback not possible: " + text));
    values.text(TRAFFIC_CHANGES).ifPresent(text -> soFar.add("Traffic changes: " + text));
    values.text(WORKAROUND_DESCRIPTION).ifPresent(text -> soFar.add("Workaround: " + text));
    values.text(FAIL_BACK_FAILURE_REASON).ifPresent(text -> soFar.add("Fail-back failed: " + text));
    values.text(WAITING_FOR).ifPresent(text -> soFar.add("Waiting for: " + text
        + values.text(ANSWER_RECEIVED).map(answer -> " — answer: " + answer).orElse("")));
    values.text(RESOLUTION_SUMMARY).ifPresent(text -> soFar.add("Last resolution note (internal): " + text));
    values.text(MONITORING_RECOVERED_AT).ifPresent(at -> soFar.add("Monitoring reported recovery at " + at));
    lines.add("**So far**");
    lines.addAll(soFar.isEmpty() ? List.of("Nothing done yet.") : soFar.stream().map(line -> "- " + line).toList());
    lines.add("");

    Object count = variables.apply(ALERT_COUNT);
    if (count instanceof Number number && number.longValue() > 0) {
      lines.add("**Alerts from monitoring** (" + number.longValue() + " received, repeats included"
          + values.text(ALERT_LAST_SEEN_AT).map(at -> ", last at " + at).orElse("") + ")");
      values.text(ALERTS).ifPresent(alerts -> lines.add(quote(alerts)));
      lines.add("");
    }
    values.text(RUNBOOK).ifPresent(runbook -> {
      lines.add("**Runbook**");
      lines.add(quote(runbook));
    });
    return String.join("\n", lines).strip();
  }

  /** Markdown-neutral text: each character Markdown or HTML would read as markup is escaped. */
  public static String escape(String text) {
    return MARKDOWN.matcher(text.replace("&", "&amp;")).replaceAll("\\\\$1");
  }

  /** A block quote, line by line, so that the text's own line breaks stay (the renderer keeps breaks). */
  private static String quote(String escapedText) {
    return escapedText.lines().map(line -> "> " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /** Reads escaped text, leaving out what is missing or blank. */
  private record Values(Function<String, Object> variables) {

    Optional<String> text(String name) {
      Object value = variables.apply(name);
      return value == null || value.toString().isBlank()
          ? Optional.empty() : Optional.of(escape(value.toString().strip()));
    }

    boolean flag(String name) {
      return ProcessValues.flag(variables.apply(name));
    }

    List<String> present(String... names) {
      List<String> found = new ArrayList<>();
      for (String name : names) {
        text(name).ifPresent(found::add);
      }
      return found;
    }
  }
}
