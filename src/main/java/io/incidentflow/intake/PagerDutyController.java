package io.incidentflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty's Events API v2, answered as PagerDuty answers: a client pointed here instead of PagerDuty needs
 * no other change than the URL. The routing key authenticates.
 */
@RestController
@Tag(name = "PagerDuty Events API v2")
class PagerDutyController {

  static final String PATH = "/api/pagerduty/v2/enqueue";

  private final AlertIntakeService intake;
  private final PagerDutyFormat format;
  private final ObjectMapper json;

  PagerDutyController(AlertIntakeService intake, PagerDutyFormat format, ObjectMapper json) {
    this.intake = intake;
    this.format = format;
    this.json = json;
  }

  @Operation(summary = "Send a trigger, acknowledge or resolve event",
      description = "202 {status: success, message: Event processed, dedup_key}; 400 {status: invalid event, "
          + "message: Event object is invalid, errors: [...]}; 413 over 512 KB.")
  @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PagerDutyAnswer> enqueue(@RequestBody String body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidAlertException("event", "is not valid JSON: " + e.getOriginalMessage());
    }
    Alert alert = format.read(event);
    intake.receive(alert);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(PagerDutyAnswer.processed(PagerDutyFormat.clientKey(alert)));
  }
}
