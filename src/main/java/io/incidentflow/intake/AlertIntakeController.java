package io.incidentflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where monitoring reports problems: Alertmanager's webhook, and IncidentFlow's own format. Both need the
 * bearer token ({@link IntakeTokenFilter}).
 */
@RestController
@Tag(name = "Alert intake", description = "Monitoring opens, repeats and resolves incidents")
class AlertIntakeController {

  private final AlertIntakeService intake;
  private final AlertmanagerFormat alertmanager;
  private final GenericAlertFormat generic;
  private final ObjectMapper json;

  AlertIntakeController(AlertIntakeService intake, AlertmanagerFormat alertmanager, GenericAlertFormat generic,
      ObjectMapper json) {
    this.intake = intake;
    this.alertmanager = alertmanager;
    this.generic = generic;
    this.json = json;
  }

  @Operation(summary = "Prometheus Alertmanager webhook (version 4), Grafana webhook contact point (version 1)",
      description = "Each alert is handled by its own status. 200 lists what happened to each alert; an alert "
          + "that cannot be read is listed as rejected with its field errors. 400 when no alert can be read; "
          + "503 when IncidentFlow cannot take alerts right now (Alertmanager retries 5xx, not 4xx).")
  @PostMapping(path = "/api/alerts/alertmanager", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IntakeAnswer.Batch> alertmanager(@RequestBody String body) {
    List<AlertmanagerFormat.Entry> entries = alertmanager.read(parse(body));
    if (entries.stream().allMatch(entry -> entry.alert() == null)) {
      throw new InvalidAlertException(entries.stream().flatMap(entry -> entry.errors().stream()).toList());
    }
    List<IntakeAnswer.AlertResult> results = new ArrayList<>();
    for (AlertmanagerFormat.Entry entry : entries) {
      if (entry.alert() == null) {
        results.add(new IntakeAnswer.AlertResult(entry.fingerprint(), "REJECTED", null, entry.errors(), null));
      } else {
        AlertOutcome outcome = intake.receive(entry.alert());
        results.add(new IntakeAnswer.AlertResult(entry.fingerprint(), outcome.outcome().name(), outcome.incidentId(),
            null, entry.note()));
      }
    }
    return ResponseEntity.ok(new IntakeAnswer.Batch(results));
  }

  @Operation(summary = "IncidentFlow's own alert format",
      description = "Body: {service, summary, description, severity (critical|error|warning|info), dedupKey, "
          + "status (firing|resolved), customerImpact, details}. 202 with the dedup key and what happened; "
          + "400 naming each bad field.")
  @PostMapping(path = "/api/alerts", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IntakeAnswer.Single> generic(@RequestBody String body) {
    GenericAlertFormat.Reading reading = generic.read(parse(body));
    AlertOutcome outcome = intake.receive(reading.alert());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new IntakeAnswer.Single(
        GenericAlertFormat.clientKey(reading.alert()), outcome.outcome().name(), outcome.incidentId(), reading.note()));
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidAlertException("body", "is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")"));
    }
  }
}
