package io.incidentflow.sla;

import io.incidentflow.sla.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * An SLA clock as the API and the reports show it: its state now and the working time it counted (paused time
 * left out), ISO 8601 durations.
 */
public record SlaClockView(
    String clock, SlaClock.State state, String target, String calendar, Instant startedAt, Instant warnAt,
    Instant dueAt, Instant warnedAt, Instant breachedAt, Instant managersToldAt, Instant stoppedAt,
    Instant pausedSince, Duration pausedTime, Duration elapsedTime) {

  static SlaClockView of(SlaClock clock, BusinessCalendar calendar, Instant now) {
    Instant end = clock.stoppedAt() != null ? clock.stoppedAt() : now;
    Duration paused = clock.pausedBusinessTime();
    if (clock.pausedAt() != null && clock.stoppedAt() == null) {
      paused = paused.plus(calendar.between(clock.pausedAt(), now));
    }
    Duration elapsed = calendar.between(clock.startedAt(), end).minus(paused);
    return new SlaClockView(clock.clock(), clock.state(now), clock.target(), clock.calendar(), clock.startedAt(),
        clock.warnAt(), clock.dueAt(), clock.warnedAt(), clock.breachedAt(), clock.climbedAt(), clock.stoppedAt(),
        clock.stoppedAt() == null ? clock.pausedAt() : null, paused, elapsed.isNegative() ? Duration.ZERO : elapsed);
  }
}
