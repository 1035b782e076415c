package io.incidentflow.oncall.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An override as the API reads it: {@code {"user": "amy", "from": "2026-12-01T08:00:00Z", "to":
 * "2026-12-02T08:00:00Z", "covering": "tom"}}; instants with {@code Z} or an offset, {@code covering} optional.
 */
public record OverrideJson(String user, String from, String to, String covering) {

  /** @throws InvalidScheduleException naming every field at fault */
  ScheduleOverride toOverride(String scheduleId) {
    List<String> errors = new ArrayList<>();
    if (user == null || user.isBlank()) {
      errors.add("user: is required");
    }
    Instant start = InstantParam.parse("from", from, errors);
    Instant end = InstantParam.parse("to", to, errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add("to: must be after from");
    }
    if (user != null && covering != null && user.strip().equals(covering.strip())) {
      errors.add("covering: '" + covering + "' cannot cover for themselves");
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    return new ScheduleOverride(null, scheduleId, user.strip(), start, end,
        covering == null || covering.isBlank() ? null : covering.strip());
  }
}
