package io.incidentflow.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Resolve: marks the incident resolved; the resolution time is what reports measure. */
@Component("recordResolution")
public class RecordResolutionDelegate implements JavaDelegate {

  private final IncidentService incidents;

  public RecordResolutionDelegate(IncidentService incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    incidents.resolve(ProcessValues.requiredString(execution, IncidentVariables.INCIDENT_ID));
  }
}
