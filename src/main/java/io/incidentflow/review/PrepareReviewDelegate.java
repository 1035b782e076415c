package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Names the review's commander and proposes whom to invite: the people who worked the incident. */
@Component("prepareReview")
class PrepareReviewDelegate implements JavaDelegate {

  private final PostIncidentReview review;

  PrepareReviewDelegate(PostIncidentReview review) {
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PostIncidentReview.Proposal proposal = review.propose(ProcessValues.requiredString(execution, INCIDENT_ID));
    execution.setVariable(ReviewProcess.COMMANDER, proposal.commander());
    execution.setVariable(ReviewProcess.ATTENDEES, ProcessValues.jsonList(proposal.attendees()));
    execution.setVariable(ReviewProcess.ATTENDEE_OPTIONS, ProcessValues.jsonList(proposal.options()));
    if (execution.getVariable(ReviewProcess.DURATION_MINUTES) == null) {
      execution.setVariable(ReviewProcess.DURATION_MINUTES, (long) ReviewAnswers.DEFAULT_MEETING_MINUTES);
    }
  }
}
