package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.ACTION_ITEMS;
import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Hold review: shows the incident's timeline on the form as the task is created, and refuses an answer that
 * cannot be recorded (neither held nor rescheduled, an action item without owner, an unknown owner, a due date
 * passed) as it is completed.
 */
@Component("holdReview")
class HoldReviewListener implements TaskListener {

  private final PostIncidentReview review;
  private final ReviewDocuments documents;

  HoldReviewListener(PostIncidentReview review, ReviewDocuments documents) {
    this.review = review;
    this.documents = documents;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(ReviewProcess.TIMELINE,
          documents.timelineMarkdown(ProcessValues.requiredString(task, INCIDENT_ID)));
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
    review.checkActionItems(task.getVariable(ACTION_ITEMS));
  }
}
