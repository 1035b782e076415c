package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentVariables.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/** What a mail or a page needs to know about an incident, read from its process variables. */
public record IncidentSnapshot(
    String id,
    String title,
    String description,
    String serviceId,
    String serviceName,
    String severity,
    List<String> affectedServiceIds,
    String publicTitle) {

  public static IncidentSnapshot of(VariableScope process) {
    List<String> affected = ProcessValues.strings(process, AFFECTED_SERVICES);
    return new IncidentSnapshot(
        ProcessValues.requiredString(process, INCIDENT_ID),
        ProcessValues.string(process, TITLE),
        ProcessValues.string(process, DESCRIPTION),
        ProcessValues.string(process, SERVICE_ID),
        ProcessValues.string(process, SERVICE_NAME),
        ProcessValues.string(process, SEVERITY),
        affected.isEmpty() ? List.of(ProcessValues.requiredString(process, SERVICE_ID)) : affected,
        ProcessValues.string(process, PUBLIC_TITLE));
  }

  /** The title customers see: the one written at scope, never the internal one; a generic one before scope. */
  public String publicTitleOrGeneric() {
    return publicTitle != null && !publicTitle.isBlank() ? publicTitle.strip() : serviceName + " disruption";
  }

  /**
   * The incident as customer mail templates see it: its public title, no internal description.
   *
   * @param status what customers are told of the incident's state ("Investigating", "Resolved", ...)
   */
  public Map<String, Object> publicMailModel(String status) {
    Map<String, Object> model = mailModel(status);
    model.put("title", publicTitleOrGeneric());
    model.remove("description");
    return model;
  }

  /**
   * The incident as staff mail templates see it ({@code incident.title}, ...).
   *
   * @param status what the reader is told of the incident's state ("Investigating", "Resolved", ...)
   */
  public Map<String, Object> mailModel(String status) {
    Map<String, Object> model = new HashMap<>();
    model.put("id", id);
    model.put("title", title);
    model.put("description", description);
    model.put("serviceName", serviceName);
    model.put("severity", severity);
    model.put("status", status);
    return model;
  }
}
