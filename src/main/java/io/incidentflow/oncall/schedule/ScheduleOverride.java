package io.incidentflow.oncall.schedule;

import java.time.Instant;

/**
 * A user on call in a schedule from {@code from} (inclusive) to {@code to} (exclusive), above every layer.
 * (Not named {@code Override}: that would hide {@link java.lang.Override} in this package.)
 *
 * @param id null until stored
 * @param covering whom the user stands in for, for the record (null: not said); the override applies whoever
 *     the layers name
 */
public record ScheduleOverride(Long id, String scheduleId, String user, Instant from, Instant to, String covering) {

  boolean covers(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  boolean overlaps(Instant otherFrom, Instant otherTo) {
    return from.isBefore(otherTo) && otherFrom.isBefore(to);
  }
}
