package io.incidentflow.oncall.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** An instant the API reads, with {@code Z} or an offset ({@code 2026-12-01T09:00:00+01:00}). */
final class InstantParam {

  private InstantParam() {}

  /** @return null, with the field's error added, when the value is missing or no instant */
  static Instant parse(String field, String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      errors.add(field + ": is required (an instant such as 2026-12-01T08:00:00Z)");
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(field + ": must be an instant such as 2026-12-01T08:00:00Z, not '" + value + "'");
      return null;
    }
  }

  /** The value, or {@code otherwise} when none is given. */
  static Instant parseOr(String field, String value, Instant otherwise, List<String> errors) {
    return value == null || value.isBlank() ? otherwise : parse(field, value, errors);
  }
}
