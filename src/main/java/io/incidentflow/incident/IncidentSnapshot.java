package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** What a mail or a page needs to know about an incident, read from its process variables. */
public record IncidentSnapshot(
    String id,
    String title,
    String description,
    String serviceId,
    String serviceName,
    String severity,
    List<String> affectedServiceIds) {

  public static IncidentSnapshot of(VariableScope process) {
    List<String> affected = ProcessValues.strings(process, AFFECTED_SERVICES);
    return new IncidentSnapshot(
        ProcessValues.requiredString(process, INCIDENT_ID),
        ProcessValues.string(process, TITLE),
        ProcessValues.string(process, DESCRIPTION),
        ProcessValues.string(process, SERVICE_ID),
        ProcessValues.string(process, SERVICE_NAME),
        ProcessValues.string(process, SEVERITY),
        affected.isEmpty() ? List.of(ProcessValues.requiredString(process, SERVICE_ID)) : affected);
  }
}
