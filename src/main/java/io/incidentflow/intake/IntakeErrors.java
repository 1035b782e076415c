package io.incidentflow.intake;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the intake endpoints as JSON. A fault of the sender is 4xx naming the field; a fault of ours is
 * 503, which Alertmanager and PagerDuty clients retry, so that no alert is lost.
 */
@RestControllerAdvice(assignableTypes = {AlertIntakeController.class, PagerDutyController.class})
class IntakeErrors {

  private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

  @ExceptionHandler(InvalidAlertException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidAlertException e) {
    return ResponseEntity.badRequest().body(body("invalid alert", e.errors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (RequestSizeLimitFilter.isTooLarge(e)) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
          .body(body("too large", List.of("body: is larger than the limit of this endpoint")));
    }
    return ResponseEntity.badRequest().body(body("invalid alert", List.of("body: is required and must be JSON")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(body("invalid alert", List.of("Content-Type: must be application/json")));
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class, org.camunda.bpm.engine.ProcessEngineException.class})
  ResponseEntity<Map<String, Object>> unavailable(RuntimeException e) {
    log.error("Cannot take an alert right now; the sender will retry", e);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "10")
        .body(body("unavailable", List.of("IncidentFlow cannot take alerts right now; retry later")));
  }

  private static Map<String, Object> body(String status, List<String> errors) {
    return Map.of("status", status, "errors", errors);
  }
}
