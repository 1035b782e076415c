package io.incidentflow.oncall;

import io.incidentflow.oncall.schedule.OnCallSchedules;
import io.incidentflow.oncall.schedule.UnknownScheduleException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Paging asks the on-call schedules. A policy naming a schedule that does not exist (deleted, misspelt in the
 * DMN) reaches nobody at that target: the page log says so and the level moves on, rather than failing.
 */
@Component
class ScheduleOnCall implements OnCallLookup {

  private final OnCallSchedules schedules;

  ScheduleOnCall(OnCallSchedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public Optional<String> onCall(String scheduleId, Instant at) {
    try {
      return schedules.onCall(scheduleId, at);
    } catch (UnknownScheduleException unknown) {
      return Optional.empty();
    }
  }
}
