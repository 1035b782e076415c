package io.incidentflow.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What the alert endpoints answer: what happened to each alert. */
final class IntakeAnswer {

  private IntakeAnswer() {}

  /** Alertmanager's webhook: one result per alert of the message. */
  record Batch(String status, List<AlertResult> alerts) {
    Batch(List<AlertResult> alerts) {
      this("success", alerts);
    }
  }

  /**
   * One alert of a batch; a rejected one names its fields at fault instead of an incident; {@code note} says
   * when the alert went to the catch-all service, and why.
   */
  record AlertResult(String fingerprint, String outcome, String incidentId,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> errors,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}

  /** IncidentFlow's own format: one alert. */
  record Single(String status, String dedupKey, String outcome, String incidentId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    Single(String dedupKey, String outcome, String incidentId, String note) {
      this("success", dedupKey, outcome, incidentId, note);
    }
  }
}
