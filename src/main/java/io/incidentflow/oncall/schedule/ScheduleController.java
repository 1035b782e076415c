package io.incidentflow.oncall.schedule;

import io.incidentflow.platform.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** On-call schedules for staff: incident managers edit them and their overrides, every member of staff reads. */
@RestController
@Tag(name = "On-call schedules")
class ScheduleController {

  static final String PATH = "/api/staff/schedules";
  /** Without {@code to}, overrides are listed up to this far ahead. */
  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

  /** Who is on call in a schedule at an instant; {@code user} null: nobody. */
  record OnCallAnswer(String schedule, Instant at, String user) {}

  private final ScheduleService schedules;
  private final OnCallSchedules onCall;
  private final Clock clock;

  ScheduleController(ScheduleService schedules, OnCallSchedules onCall, Clock clock) {
    this.schedules = schedules;
    this.onCall = onCall;
    this.clock = clock;
  }

  @GetMapping(PATH)
  List<ScheduleJson> all() {
    return schedules.all().stream().map(ScheduleJson::of).toList();
  }

  @Operation(summary = "Add a schedule: {id, name, zone, layers: [{name, start, end?, handoff, rotation, users}]}")
  @PostMapping(PATH)
  ResponseEntity<?> add(@RequestBody ScheduleJson schedule) {
    if (schedule.id() != null && schedules.exists(schedule.id())) {
      return ApiProblems.response(HttpStatus.CONFLICT, "conflict",
          List.of("id: the schedule '" + schedule.id() + "' exists; PUT " + PATH + "/" + schedule.id() + " updates it"));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(ScheduleJson.of(schedules.save(schedule)));
  }

  @GetMapping(PATH + "/{id}")
  ScheduleJson get(@PathVariable String id) {
    return ScheduleJson.of(schedules.get(id));
  }

  @Operation(summary = "Replace a schedule's name, zone and layers (its overrides stay)")
  @PutMapping(PATH + "/{id}")
  ScheduleJson update(@PathVariable String id, @RequestBody ScheduleJson schedule) {
    schedules.get(id);
    return ScheduleJson.of(schedules.save(new ScheduleJson(id, schedule.name(), schedule.zone(), schedule.layers())));
  }

  @DeleteMapping(PATH + "/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    schedules.delete(id);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Who is on call at an instant (default: now)")
  @GetMapping(PATH + "/{id}/on-call")
  OnCallAnswer onCall(@PathVariable String id, @RequestParam(required = false) String at) {
    List<String> errors = new ArrayList<>();
    Instant instant = InstantParam.parseOr("at", at, clock.instant(), errors);
    failOn(errors);
    return new OnCallAnswer(id, instant, onCall.onCall(id, instant).orElse(null));
  }

  @Operation(summary = "The flattened timeline: who is on call when (default: the next 14 days)")
  @GetMapping(PATH + "/{id}/shifts")
  List<Shift> shifts(@PathVariable String id, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Window window = window(from, to, start -> start.plus(Duration.ofDays(14)), Duration.ofDays(400));
    return onCall.shifts(id, window.from(), window.to());
  }

  @Operation(summary = "The overrides that overlap [from, to) (default: those not ended yet)")
  @GetMapping(PATH + "/{id}/overrides")
  List<ScheduleOverride> overrides(@PathVariable String id, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Window window = window(from, to, start -> FAR_FUTURE, null);
    return schedules.overrides(id, window.from(), window.to());
  }

  @Operation(summary = "Add an override: {user, from, to, covering?}; overrides of a schedule may not overlap")
  @PostMapping(PATH + "/{id}/overrides")
  ResponseEntity<ScheduleOverride> addOverride(@PathVariable String id, @RequestBody OverrideJson override) {
    return ResponseEntity.status(HttpStatus.CREATED).body(schedules.addOverride(id, override));
  }

  @DeleteMapping(PATH + "/{id}/overrides/{overrideId}")
  ResponseEntity<?> deleteOverride(@PathVariable String id, @PathVariable long overrideId) {
    if (!schedules.deleteOverride(id, overrideId)) {
      return ApiProblems.response(HttpStatus.NOT_FOUND, "not found",
          List.of("overrideId: the schedule '" + id + "' has no override " + overrideId));
    }
    return ResponseEntity.noContent().build();
  }

  private record Window(Instant from, Instant to) {}

  /**
   * The range of a listing: {@code from} defaults to now, {@code to} to what {@code defaultTo} makes of from.
   *
   * @param longest null: no limit
   */
  private Window window(String from, String to, UnaryOperator<Instant> defaultTo, Duration longest) {
    List<String> errors = new ArrayList<>();
    Instant start = InstantParam.parseOr("from", from, clock.instant(), errors);
    Instant end = InstantParam.parseOr("to", to, start == null ? null : defaultTo.apply(start), errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add("to: must be after from");
    } else if (start != null && end != null && longest != null && Duration.between(start, end).compareTo(longest) > 0) {
      errors.add("to: at most " + longest.toDays() + " days after from");
    }
    failOn(errors);
    return new Window(start, end);
  }

  private static void failOn(List<String> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
  }
}
