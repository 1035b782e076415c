package io.incidentflow.oncall.schedule;

import io.incidentflow.platform.ApiProblems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The errors of the schedule endpoints as problem details naming the field. */
@RestControllerAdvice(assignableTypes = {ScheduleController.class, OnCallCalendarController.class})
class ScheduleErrors {

  @ExceptionHandler(InvalidScheduleException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidScheduleException e) {
    return ApiProblems.response(HttpStatus.BAD_REQUEST, "invalid schedule", e.errors());
  }

  @ExceptionHandler(UnknownScheduleException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownScheduleException e) {
    return ApiProblems.response(HttpStatus.NOT_FOUND, "not found",
        List.of("id: no schedule '" + e.scheduleId() + "'"));
  }
}
