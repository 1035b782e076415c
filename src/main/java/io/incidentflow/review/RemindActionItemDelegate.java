package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import io.incidentflow.tasklist.TasklistLinks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * An action item's due-date SLA: before it is due the owner is reminded, once it is overdue the owner and the
 * review's commander are told (local input {@code overdue}, set in the model). Each once per item; the mail
 * links the item's task.
 */
@Component("remindActionItem")
class RemindActionItemDelegate implements JavaDelegate {

  static final String OVERDUE = "overdue";

  private final ActionItemService items;
  private final TasklistLinks links;

  RemindActionItemDelegate(ActionItemService items, TasklistLinks links) {
    this.items = items;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(ReviewProcess.ACTION_ITEM_ID)).longValue();
    Task task = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(ReviewProcess.TASK_COMPLETE_ACTION_ITEM)
        .taskVariableValueEquals(ReviewProcess.ACTION_ITEM_ID, id).singleResult();
    items.remind(id, ProcessValues.flag(execution, OVERDUE), ProcessValues.string(execution, ReviewProcess.COMMANDER),
        task == null ? links.incident(ProcessValues.requiredString(execution, INCIDENT_ID)) : links.task(task.getId()));
  }
}
