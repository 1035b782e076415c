package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;
import static io.incidentflow.incident.IncidentVariables.SERVICE_NAME;
import static io.incidentflow.incident.IncidentVariables.SEVERITY;
import static io.incidentflow.incident.IncidentVariables.TITLE;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Mails the review's invitation, with its calendar request, to the commander and every attendee. */
@Component("sendReviewInvitation")
class SendReviewInvitationDelegate implements JavaDelegate {

  private final PostIncidentReview review;

  SendReviewInvitationDelegate(PostIncidentReview review) {
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    review.invite(new PostIncidentReview.IncidentRef(ProcessValues.requiredString(execution, INCIDENT_ID),
            ProcessValues.string(execution, TITLE), ProcessValues.string(execution, SERVICE_NAME),
            ProcessValues.string(execution, SEVERITY)),
        ProcessValues.string(execution, ReviewProcess.COMMANDER), execution.getVariable(ReviewProcess.START),
        execution.getVariable(ReviewProcess.DURATION_MINUTES), ProcessValues.string(execution, ReviewProcess.LOCATION),
        execution.getVariable(ReviewProcess.ATTENDEES), execution.getVariable(ReviewProcess.EXTRA_ATTENDEES));
  }
}
