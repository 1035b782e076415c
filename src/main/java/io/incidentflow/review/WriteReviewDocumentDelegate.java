package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Writes the review document (Markdown and HTML) once every action item is done or dropped. */
@Component("writeReviewDocument")
class WriteReviewDocumentDelegate implements JavaDelegate {

  private final ReviewDocuments documents;

  WriteReviewDocumentDelegate(ReviewDocuments documents) {
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    documents.write(ProcessValues.requiredString(execution, INCIDENT_ID),
        ProcessValues.string(execution, ReviewProcess.COMMANDER), execution::getVariable);
  }
}
