package io.incidentflow.timeline;

import io.incidentflow.platform.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The timeline of an incident, running or finished (who may read: security.StaffApiRules). */
@RestController
@Tag(name = "Timeline")
class TimelineController {

  private final IncidentTimeline timeline;

  TimelineController(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Operation(summary = "Every step of an incident in time order: when, what kind (activity, task-created, "
      + "task-assigned, task-completed, variable, operation, alert, page, acknowledged, reroute, customer-mail, sla), "
      + "what, who, and for tasks and SLA clocks the due time and whether it was met")
  @GetMapping("/api/staff/incidents/{incidentId}/timeline")
  List<TimelineStep> timeline(@PathVariable String incidentId) {
    return timeline.of(incidentId);
  }

  @ExceptionHandler(UnknownIncidentException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownIncidentException e) {
    return ApiProblems.response(HttpStatus.NOT_FOUND, "not found",
        List.of("incidentId: no incident '" + e.incidentId() + "'"));
  }
}
