package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * "Reroute users to backup servers". Where rerouting cannot work (no router, no backup up) it throws the
 * BPMN error that leads to the manual workaround at once; a failed attempt (socket unreachable, an error
 * from HAProxy, a failed check) is retried by the job's retry cycle, and the last attempt takes the same
 * BPMN error path carrying the reason. Anything else fails the job and ends as a Camunda incident.
 */
@Component("rerouteTraffic")
public class RerouteTrafficDelegate implements JavaDelegate {

  private final TrafficRoutingService routing;

  public RerouteTrafficDelegate(TrafficRoutingService routing) {
    this.routing = routing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String serviceId = ProcessValues.requiredString(execution, SERVICE_ID);
    String incidentId = ProcessValues.requiredString(execution, INCIDENT_ID);
    RerouteResult result;
    try {
      result = routing.rerouteToBackup(serviceId, incidentId);
    } catch (RerouteNotPossibleException e) {
      throw new BpmnError(IncidentProcess.ERROR_CODE_REROUTE_NOT_POSSIBLE, e.getMessage());
    } catch (RerouteFailedException e) {
      if (!isLastAttempt(execution)) {
        throw e;
      }
      routing.abandon(serviceId, incidentId);
      throw new BpmnError(IncidentProcess.ERROR_CODE_REROUTE_NOT_POSSIBLE, "Rerouting failed: " + e.getMessage());
    }
    execution.setVariable(TRAFFIC_REROUTED, true);
    execution.setVariable(WORKAROUND_DESCRIPTION, result.summary());
    execution.setVariable(TRAFFIC_CHANGES, String.join("\n", result.changes()));
  }

  /**
   * The job's retry cycle counts down; with one retry left this attempt is the last. (The job running now is
   * deleted from the job table before it runs, so it is asked from the command context, not queried.)
   */
  static boolean isLastAttempt(DelegateExecution execution) {
    JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
    return job == null || job.getRetries() <= 1;
  }
}
