package io.incidentflow.review;

import io.incidentflow.tasklist.IncidentContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * An action item's task: says on its form what is to be done and by when (created), records it done or
 * dropped with its reason (completed; a drop without a reason is refused).
 */
@Component("actionItemTask")
class ActionItemTaskListener implements TaskListener {

  private final ActionItemService items;
  private final PostIncidentReview review;

  ActionItemTaskListener(ActionItemService items, PostIncidentReview review) {
    this.items = items;
    this.review = review;
  }

  @Override
  public void notify(DelegateTask task) {
    long id = ((Number) task.getVariable(ReviewProcess.ACTION_ITEM_ID)).longValue();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      ActionItem item = items.actionItem(id);
      // Also on the task itself: its reminders find it by the item.
      task.setVariableLocal(ReviewProcess.ACTION_ITEM_ID, id);
      // tasklist.TaskPresentation adds the incident, its service and severity after this.
      task.setName(task.getName() + " · " + PostIncidentReview.abbreviate(item.description()));
      task.setDescription(item.description());
      task.setVariableLocal(ReviewProcess.ACTION_ITEM_CONTEXT, "**Action item " + (item.position() + 1) + " of the "
          + "review of " + item.incidentId() + "**, owned by " + IncidentContext.escape(item.owner()) + ", due "
          + review.when(item.dueAt()) + "\n\n" + IncidentContext.escape(item.description()));
      return;
    }
    items.close(id, task.getVariable(ReviewProcess.ACTION_ITEM_OUTCOME), task.getVariable(ReviewProcess.ACTION_ITEM_NOTE),
        task.getAssignee());
  }
}
