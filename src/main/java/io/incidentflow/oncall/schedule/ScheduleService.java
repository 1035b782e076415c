package io.incidentflow.oncall.schedule;

import io.incidentflow.staff.StaffDirectory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks and stores schedules and overrides: every user named must exist, overrides of a schedule never overlap. */
@Service
public class ScheduleService {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
      .withZone(ZoneOffset.UTC);

  private final ScheduleRepository schedules;
  private final StaffDirectory staff;

  ScheduleService(ScheduleRepository schedules, StaffDirectory staff) {
    this.schedules = schedules;
    this.staff = staff;
  }

  public List<Schedule> all() {
    return schedules.all();
  }

  /** @throws UnknownScheduleException when there is none */
  public Schedule get(String id) {
    return schedules.find(id).orElseThrow(() -> new UnknownScheduleException(id));
  }

  public boolean exists(String id) {
    return schedules.exists(id);
  }

  /**
   * Adds or replaces the schedule and its layers (its overrides stay).
   *
   * @throws InvalidScheduleException naming every field at fault, unknown users included
   */
  @Transactional
  public Schedule save(ScheduleJson json) {
    List<String> errors = new ArrayList<>();
    Schedule schedule = null;
    try {
      schedule = json.toSchedule();
    } catch (InvalidScheduleException e) {
      errors.addAll(e.errors());
    }
    errors.addAll(unknownUsers(json));
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    schedules.save(schedule);
    return schedule;
  }

  private List<String> unknownUsers(ScheduleJson json) {
    List<String> errors = new ArrayList<>();
    List<ScheduleJson.LayerJson> layers = json.layers() == null ? List.of() : json.layers();
    for (int i = 0; i < layers.size(); i++) {
      List<String> users = layers.get(i) == null || layers.get(i).users() == null ? List.of() : layers.get(i).users();
      List<String> named = users.stream().filter(user -> user != null && !user.isBlank()).map(String::strip).toList();
      Set<String> unknown = new LinkedHashSet<>(staff.unknownUsers(named));
      for (int j = 0; j < users.size(); j++) {
        if (users.get(j) != null && unknown.contains(users.get(j).strip())) {
          errors.add("layers[" + i + "].users[" + j + "]: unknown user '" + users.get(j) + "'");
        }
      }
    }
    return errors;
  }

  /** @throws UnknownScheduleException when there is none */
  @Transactional
  public void delete(String id) {
    if (!schedules.delete(id)) {
      throw new UnknownScheduleException(id);
    }
  }

  /**
   * Adds an override to the schedule.
   *
   * @throws InvalidScheduleException naming the field at fault, or {@code overrides} with the override it
   *     overlaps
   * @throws UnknownScheduleException when there is no such schedule
   */
  @Transactional
  public ScheduleOverride addOverride(String scheduleId, OverrideJson json) {
    ScheduleOverride override = json.toOverride(scheduleId);
    if (!schedules.lock(scheduleId)) {
      throw new UnknownScheduleException(scheduleId);
    }
    List<String> errors = new ArrayList<>();
    if (!staff.unknownUsers(List.of(override.user())).isEmpty()) {
      errors.add("user: unknown user '" + override.user() + "'");
    }
    if (override.covering() != null && !staff.unknownUsers(List.of(override.covering())).isEmpty()) {
      errors.add("covering: unknown user '" + override.covering() + "'");
    }
    for (ScheduleOverride other : schedules.overrides(scheduleId, override.from(), override.to())) {
      errors.add("overrides: overlaps override " + other.id() + " (" + MINUTES.format(other.from()) + "–"
          + MINUTES.format(other.to()) + ")");
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    return schedules.add(override);
  }

  /** The schedule's overrides that overlap [from, to), by start. */
  public List<ScheduleOverride> overrides(String scheduleId, Instant from, Instant to) {
    get(scheduleId);
    return schedules.overrides(scheduleId, from, to);
  }

  /** @return whether the schedule had the override */
  @Transactional
  public boolean deleteOverride(String scheduleId, long overrideId) {
    get(scheduleId);
    return schedules.deleteOverride(scheduleId, overrideId);
  }

  /** Ids of the schedules the user takes turns in or has an override in. */
  List<String> scheduleIdsOf(String userId) {
    return schedules.scheduleIdsOf(userId);
  }
}
