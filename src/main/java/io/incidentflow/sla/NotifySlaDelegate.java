package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.SLA_TASK_ID;
import static io.incidentflow.incident.IncidentVariables.SLA_TASK_NAME;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.ProcessValues;
import io.incidentflow.staff.StaffMember;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The notify tasks of sla-escalation.bpmn: the level and the recipients are the model's inputs. */
@Component("notifySla")
public class NotifySlaDelegate implements JavaDelegate {

  private final SlaEscalationService escalation;
  private final SlaRecipients recipients;

  public NotifySlaDelegate(SlaEscalationService escalation, SlaRecipients recipients) {
    this.escalation = escalation;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long clockId = ((Number) execution.getVariable(SlaEscalationProcess.VAR_CLOCK_ID)).longValue();
    SlaNotice level = SlaNotice.valueOf(
        ProcessValues.requiredString(execution, SlaEscalationProcess.VAR_LEVEL).toUpperCase());
    String incidentInstanceId = ProcessValues.string(execution, SlaEscalationProcess.VAR_INCIDENT_INSTANCE_ID);
    String taskKey = ProcessValues.requiredString(execution, SLA_TASK_ID);
    List<StaffMember> to = recipients.resolve(
        ProcessValues.requiredString(execution, SlaEscalationProcess.VAR_RECIPIENTS), incidentInstanceId, taskKey);
    String fallback = ProcessValues.string(execution, SlaEscalationProcess.VAR_FALLBACK_RECIPIENTS);
    if (to.isEmpty() && fallback != null) {
      to = recipients.resolve(fallback, incidentInstanceId, taskKey);
    }
    escalation.notify(clockId, level, IncidentSnapshot.of(execution), taskKey,
        ProcessValues.requiredString(execution, SLA_TASK_NAME), to);
    if (level == SlaNotice.BREACH && incidentInstanceId != null) {
      // Tasklist sorts by priority: a breached task moves to the top.
      TaskService tasks = execution.getProcessEngineServices().getTaskService();
      tasks.createTaskQuery().processInstanceId(incidentInstanceId).taskDefinitionKey(taskKey).active().list()
          .forEach(open -> tasks.setPriority(open.getId(), EscalateSlaBreachDelegate.ESCALATED_PRIORITY));
    }
  }
}
