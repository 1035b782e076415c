package io.incidentflow.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Review: closes the incident once reviewed, or right after resolution where no review is required. */
@Component("closeIncident")
public class CloseIncidentDelegate implements JavaDelegate {

  private final IncidentService incidents;

  public CloseIncidentDelegate(IncidentService incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    incidents.close(ProcessValues.requiredString(execution, IncidentVariables.INCIDENT_ID));
  }
}
