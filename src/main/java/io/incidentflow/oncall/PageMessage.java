package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentSnapshot;

/** What one page says, to one responder, at one level of one round. */
public record PageMessage(IncidentSnapshot incident, String runbook, int round, int level, String acknowledgeUrl,
    String taskUrl, String incidentUrl) {

  /** One line for chat and the mail's subject. */
  public String headline() {
    return "[" + incident.severity() + "] " + incident.id() + " paged: " + incident.title();
  }
}
