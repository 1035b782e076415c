package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Reroute users to backup servers". Where automatic rerouting is not possible it throws the BPMN error that
 * leads to the manual workaround task, carrying the reason; any other failure is left to the job's retries
 * and ends as a Camunda incident.
 */
@Component("rerouteTraffic")
public class RerouteTrafficDelegate implements JavaDelegate {

  private final TrafficRoutingService routing;

  public RerouteTrafficDelegate(TrafficRoutingService routing) {
    this.routing = routing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RerouteResult result;
    try {
      result = routing.rerouteToBackup(
          ProcessValues.requiredString(execution, SERVICE_ID), ProcessValues.requiredString(execution, INCIDENT_ID));
    } catch (RerouteNotPossibleException e) {
      throw new BpmnError(IncidentProcess.ERROR_CODE_REROUTE_NOT_POSSIBLE, e.getMessage());
    }
    execution.setVariable(TRAFFIC_REROUTED, true);
    execution.setVariable(WORKAROUND_DESCRIPTION, result.summary());
  }
}
