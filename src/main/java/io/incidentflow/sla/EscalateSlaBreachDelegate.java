package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.ProcessValues;
import java.time.Instant;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Behind the SLA timers of incidents started on incident.bpmn before version 2.0 (one timer per task, no SLA
 * clock): records the breach, mails the incident managers and raises the open task's priority. Kept while such
 * incidents may still run; new ones use the SLA clocks ({@link SlaClocks}, sla-escalation.bpmn).
 */
@Component("escalateSlaBreach")
public class EscalateSlaBreachDelegate implements JavaDelegate {

  /** Tasklist sorts by priority; Camunda's default is 50. */
  static final int ESCALATED_PRIORITY = 100;

  private final SlaEscalationService escalation;

  public EscalateSlaBreachDelegate(SlaEscalationService escalation) {
    this.escalation = escalation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String taskKey = ProcessValues.requiredString(execution, SLA_TASK_ID);
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    HistoricActivityInstance task = history.createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .activityId(taskKey)
        .unfinished()
        .orderByHistoricActivityInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst().orElse(null);
    Instant startedAt = task == null ? null : task.getStartTime().toInstant();

    escalation.escalateWithoutClock(IncidentSnapshot.of(execution), taskKey,
        ProcessValues.requiredString(execution, SLA_TASK_NAME),
        ProcessValues.requiredString(execution, SLA_TARGET), startedAt);

    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task open : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey).active().list()) {
      tasks.setPriority(open.getId(), ESCALATED_PRIORITY);
    }
  }
}
