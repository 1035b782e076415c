package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Fail back to primary servers": restores the server states recorded before the reroute and checks them.
 * A failure is retried, then stays a Camunda incident: users must not silently stay on the backup.
 */
@Component("failBackTraffic")
public class FailBackTrafficDelegate implements JavaDelegate {

  private final TrafficRoutingService routing;

  public FailBackTrafficDelegate(TrafficRoutingService routing) {
    this.routing = routing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = ProcessValues.requiredString(execution, INCIDENT_ID);
    routing.failBack(ProcessValues.requiredString(execution, SERVICE_ID), incidentId);
    execution.setVariable(TRAFFIC_REROUTED, false);
    execution.setVariable(TRAFFIC_CHANGES, routing.changesOf(incidentId));
  }
}
