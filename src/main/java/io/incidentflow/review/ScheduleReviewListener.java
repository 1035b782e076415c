package io.incidentflow.review;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Refuses a schedule that cannot be invited to (a past or unreadable time, an unknown user, a bad address). */
@Component("checkReviewSchedule")
class ScheduleReviewListener implements TaskListener {

  private final PostIncidentReview review;

  ScheduleReviewListener(PostIncidentReview review) {
    this.review = review;
  }

  @Override
  public void notify(DelegateTask task) {
    review.checkSchedule(task.getVariable(ReviewProcess.START), task.getVariable(ReviewProcess.DURATION_MINUTES),
        task.getVariable(ReviewProcess.ATTENDEES), task.getVariable(ReviewProcess.EXTRA_ATTENDEES));
  }
}
