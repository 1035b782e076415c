package io.incidentflow.oncall.schedule;

import io.incidentflow.platform.ApiProblems;
import io.incidentflow.staff.StaffDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * iCalendar feeds of on-call shifts, per schedule and per user, for calendar apps to subscribe to with the
 * user's login (HTTP Basic, like the rest of the staff API).
 */
@RestController
@Tag(name = "On-call schedules")
class OnCallCalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

  private final OnCallCalendar calendars;
  private final StaffDirectory staff;

  OnCallCalendarController(OnCallCalendar calendars, StaffDirectory staff) {
    this.calendars = calendars;
    this.staff = staff;
  }

  @Operation(summary = "The schedule's shifts as iCalendar, 30 days back to 90 days ahead")
  @GetMapping(path = ScheduleController.PATH + "/{id}/calendar.ics")
  ResponseEntity<String> schedule(@PathVariable String id) {
    return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(calendars.ofSchedule(id));
  }

  @Operation(summary = "A user's shifts in every schedule as iCalendar, 30 days back to 90 days ahead")
  @GetMapping(path = "/api/staff/users/{userId}/on-call.ics")
  ResponseEntity<?> user(@PathVariable String userId) {
    if (!staff.unknownUsers(List.of(userId)).isEmpty()) {
      return ApiProblems.response(HttpStatus.NOT_FOUND, "not found", List.of("userId: no user '" + userId + "'"));
    }
    return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(calendars.ofUser(userId));
  }
}
