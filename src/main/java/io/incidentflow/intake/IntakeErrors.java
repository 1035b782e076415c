package io.incidentflow.intake;

import io.incidentflow.platform.ApiProblems;
import io.incidentflow.platform.RequestSizeLimitFilter;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
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
import org.springframework.web.method.HandlerMethod;

/**
 * Errors of the intake endpoints: problem details, and PagerDuty's own shape on its endpoint. A fault of the
 * sender is 4xx naming the field; a fault of ours is 503, which Alertmanager and PagerDuty clients retry, so
 * that no alert is lost.
 */
@RestControllerAdvice(assignableTypes = {AlertIntakeController.class, PagerDutyController.class})
class IntakeErrors {

  private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

  @ExceptionHandler(InvalidAlertException.class)
  ResponseEntity<?> invalid(InvalidAlertException e, HandlerMethod handler) {
    return answer(handler, HttpStatus.BAD_REQUEST, "invalid alert", e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<?> unreadable(HttpMessageNotReadableException e, HandlerMethod handler) {
    if (RequestSizeLimitFilter.isTooLarge(e)) {
      return answer(handler, HttpStatus.PAYLOAD_TOO_LARGE, "too large",
          List.of("body: is larger than the limit of this endpoint"));
    }
    return answer(handler, HttpStatus.BAD_REQUEST, "invalid alert", List.of("body: is required and must be JSON"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<?> mediaType(HttpMediaTypeNotSupportedException e, HandlerMethod handler) {
    return answer(handler, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid alert",
        List.of("Content-Type: must be application/json"));
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
  ResponseEntity<?> unavailable(RuntimeException e, HandlerMethod handler) {
    log.error("Cannot take an alert right now; the sender will retry", e);
    ResponseEntity<?> answer = answer(handler, HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
        List.of("IncidentFlow cannot take alerts right now; retry later"));
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header("Retry-After", "10")
        .body(answer.getBody());
  }

  private static ResponseEntity<?> answer(HandlerMethod handler, HttpStatus status, String title, List<String> errors) {
    if (handler != null && handler.getBeanType() == PagerDutyController.class) {
      return ResponseEntity.status(status).body(status == HttpStatus.BAD_REQUEST
          ? PagerDutyAnswer.invalid(errors) : new PagerDutyAnswer(title, errors.get(0), null, errors));
    }
    return ApiProblems.response(status, title, errors);
  }
}
