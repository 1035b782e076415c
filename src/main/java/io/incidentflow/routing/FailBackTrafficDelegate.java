package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Fail back to primary servers": restores the server states recorded before the reroute and checks them.
 * A failure is retried; the last attempt's failure is the BPMN error "Fail-back failed", which gives a
 * technician "Move users back manually": users must not silently stay on the backup.
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
    try {
      routing.failBack(ProcessValues.requiredString(execution, SERVICE_ID), incidentId);
    } catch (RuntimeException e) {
      // Models before 2.0 catch no such error (it would end the path silently): there it stays a Cockpit incident.
      boolean caught = execution.getBpmnModelInstance()
          .getModelElementById(IncidentProcess.BOUNDARY_FAIL_BACK_FAILED) != null;
      if (!caught || !RerouteTrafficDelegate.isLastAttempt(execution)) {
        throw e;
      }
      throw new BpmnError(IncidentProcess.ERROR_CODE_FAIL_BACK_FAILED, "Fail-back failed: " + e.getMessage());
    }
    execution.setVariable(TRAFFIC_REROUTED, false);
    execution.setVariable(TRAFFIC_CHANGES, routing.changesOf(incidentId));
  }
}
