package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.ProcessValues;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Behind an SLA timer of the incident (75 % of a target): starts the clock's escalation (sla-escalation.bpmn)
 * as a process of its own, so that it never holds the incident open. Once per clock: a task that comes back
 * re-arms its timer at the same clock, and this step then skips.
 */
@Component("watchSla")
public class WatchSlaDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(WatchSlaDelegate.class);

  private final SlaClockRepository clocks;

  public WatchSlaDelegate(SlaClockRepository clocks) {
    this.clocks = clocks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = ProcessValues.requiredString(execution, INCIDENT_ID);
    String name = ProcessValues.requiredString(execution, SlaEscalationProcess.VAR_CLOCK);
    SlaClock clock = clocks.findOpen(incidentId, name).orElse(null);
    if (clock == null || !clocks.markWatched(clock.id())) {
      log.info("SLA clock {} of {} is stopped or watched already; no second escalation", name, incidentId);
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    for (String copied : new String[] {INCIDENT_ID, TITLE, DESCRIPTION, SERVICE_ID, SERVICE_NAME, SEVERITY,
        SLA_TASK_ID, SLA_TASK_NAME}) {
      variables.put(copied, execution.getVariable(copied));
    }
    variables.put(SlaEscalationProcess.VAR_CLOCK_ID, clock.id());
    variables.put(SlaEscalationProcess.VAR_CLOCK, name);
    variables.put(SlaEscalationProcess.VAR_INCIDENT_INSTANCE_ID, execution.getProcessInstanceId());
    execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(SlaEscalationProcess.PROCESS_KEY, incidentId, variables);
  }
}
