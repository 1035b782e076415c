package io.incidentflow.oncall.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is on call, for paging and escalation: the one entry point other features use. Answers come from the
 * stored schedules and overrides at the moment of the call (nothing is cached: an override added a second ago
 * counts). Semantics in {@link OnCallTimeline}.
 */
@Service
public class OnCallSchedules {

  /** A schedule by id and name, for choosing one. */
  public record ScheduleSummary(String id, String name, ZoneId zone) {}

  private final ScheduleService schedules;
  private final ScheduleRepository repository;

  OnCallSchedules(ScheduleService schedules, ScheduleRepository repository) {
    this.schedules = schedules;
    this.repository = repository;
  }

  /**
   * The user on call in the schedule at the instant.
   *
   * @return the Camunda user id, or empty when nobody covers the instant (no layer has started, or every one
   *     has ended, and no override)
   * @throws UnknownScheduleException when no schedule has the id
   */
  @Transactional(readOnly = true)
  public Optional<String> onCall(String scheduleId, Instant at) {
    Schedule schedule = schedules.get(scheduleId);
    return OnCallTimeline.onCall(schedule, repository.overrides(scheduleId, at, at.plusMillis(1)), at);
  }

  /**
   * The schedule's flattened timeline from {@code from} to {@code to}: each shift with its user, cut to the
   * range, in order; gaps with nobody on call are left out.
   *
   * @throws UnknownScheduleException when no schedule has the id
   */
  @Transactional(readOnly = true)
  public List<Shift> shifts(String scheduleId, Instant from, Instant to) {
    Schedule schedule = schedules.get(scheduleId);
    return OnCallTimeline.shifts(schedule, repository.overrides(scheduleId, from, to), from, to);
  }

  /** Every schedule, by id. */
  @Transactional(readOnly = true)
  public List<ScheduleSummary> schedules() {
    return schedules.all().stream().map(s -> new ScheduleSummary(s.id(), s.name(), s.zone())).toList();
  }
}
