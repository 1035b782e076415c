package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After scope: an incident the incident manager confirmed as affecting customers becomes customer-facing, under
 * the public title they wrote, or "<service> disruption" when they wrote none. Titles from alerts or reporters
 * never reach the public. A bad title fails the scope task's completion with a message naming the field.
 */
@Component("publishIncident")
public class PublishIncidentListener implements ExecutionListener {

  private final IncidentService incidents;

  public PublishIncidentListener(IncidentService incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(CUSTOMER_IMPACT))) {
      return;
    }
    IncidentSnapshot incident = IncidentSnapshot.of(execution);
    execution.setVariable(PUBLIC_TITLE, incidents.publish(incident.id(), incident.publicTitleOrGeneric()));
  }
}
