package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.ACTION_ITEMS;
import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Hold review: shows the incident's timeline on the form as the task is created, and refuses an answer that
 * cannot be recorded (neither held nor rescheduled, an action item without owner, an unknown owner, a due date
 * passed) as it is completed.
 */
@Component("holdReview")
class HoldReviewListener implements TaskListener {

  private final ActionItemService items;
  private final ReviewDocuments documents;

  HoldReviewListener(ActionItemService items, ReviewDocuments documents) {
    this.items = items;
    this.documents = documents;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // Stored as a JSON string, not a String variable: a long incident's timeline passes the 4,000 characters
      // a String variable holds. Tasklist reads a JSON value back as the string it was.
      task.setVariableLocal(ReviewProcess.TIMELINE, Variables.objectValue(
              documents.timelineMarkdown(ProcessValues.requiredString(task, INCIDENT_ID)))
          .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
      return;
    }
    Object outcome = task.getVariable(ReviewProcess.OUTCOME);
    if (ReviewProcess.RESCHEDULE.equals(outcome)) {
      return;
    }
    if (!ReviewProcess.HELD.equals(outcome)) {
      throw ReviewAnswers.refused(ReviewProcess.OUTCOME, "must be '" + ReviewProcess.HELD + "' or '"
          + ReviewProcess.RESCHEDULE + "', was " + (outcome == null ? "missing" : "'" + outcome + "'"));
    }
    items.checkActionItems(task.getVariable(ACTION_ITEMS));
  }
}
