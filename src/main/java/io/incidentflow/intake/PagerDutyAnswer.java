package io.incidentflow.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** PagerDuty's Events API v2 answer, field for field: its clients read {@code status} and {@code dedup_key}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PagerDutyAnswer(String status, String message, @JsonProperty("dedup_key") String dedupKey, List<String> errors) {

  static PagerDutyAnswer processed(String dedupKey) {
    return new PagerDutyAnswer("success", "Event processed", dedupKey, null);
  }

  static PagerDutyAnswer invalid(List<String> errors) {
    return new PagerDutyAnswer("invalid event", "Event object is invalid", null, errors);
  }

  static PagerDutyAnswer tooLarge() {
    return new PagerDutyAnswer("invalid event", "Request too large", null, List.of("body: is larger than 512 KB"));
  }
}
