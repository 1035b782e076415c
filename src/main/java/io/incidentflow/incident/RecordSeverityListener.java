package io.incidentflow.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** After each severity decision: keeps the incident table's severity in step with the process. */
@Component("recordSeverity")
public class RecordSeverityListener implements ExecutionListener {

  private final IncidentService incidents;

  public RecordSeverityListener(IncidentService incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    incidents.recordSeverity(
        ProcessValues.requiredString(execution, IncidentVariables.INCIDENT_ID),
        ProcessValues.requiredString(execution, IncidentVariables.SEVERITY));
  }
}
