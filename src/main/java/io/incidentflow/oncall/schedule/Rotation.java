package io.incidentflow.oncall.schedule;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long one user's turn in a layer lasts. Whole days ({@code daily}, {@code weekly}, {@code P3D}, {@code P2W})
 * are counted on the schedule's wall clock: the handoff stays at its local time across a DST change, so that
 * day lasts 23 or 25 hours. Other lengths ({@code PT12H}, {@code P1DT12H}) are exact durations from the first
 * handoff, whose local time then moves with DST.
 *
 * @param days the length in calendar days, or 0 when {@code exact} applies
 * @param exact the length as an exact duration, or null when {@code days} applies
 */
public record Rotation(int days, Duration exact) {

  public static final Rotation DAILY = new Rotation(1, null);
  public static final Rotation WEEKLY = new Rotation(7, null);
  /** Shorter turns make thousands of shifts a quarter: nobody hands off more often than hourly. */
  static final Duration SHORTEST = Duration.ofHours(1);
  static final int LONGEST_DAYS = 366;

  public Rotation {
    if ((days > 0) == (exact != null)) {
      throw new IllegalArgumentException("A rotation is either whole days or an exact duration");
    }
  }

  /**
   * Reads {@code daily}, {@code weekly} or an ISO-8601 length ({@code P3D}, {@code P2W}, {@code PT12H}).
   *
   * @return empty when the text is none of these, or shorter than an hour, or longer than a year
   */
  public static Optional<Rotation> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    if (value.equalsIgnoreCase("daily")) {
      return Optional.of(DAILY);
    }
    if (value.equalsIgnoreCase("weekly")) {
      return Optional.of(WEEKLY);
    }
    try {
      Period period = Period.parse(value);
      if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() > 0
          && period.getDays() <= LONGEST_DAYS) {
        return Optional.of(new Rotation(period.getDays(), null));
      }
      return Optional.empty();
    } catch (DateTimeParseException notWholeDays) {
      // an exact duration, perhaps
    }
    try {
      Duration duration = Duration.parse(value);
      if (duration.compareTo(SHORTEST) >= 0 && duration.compareTo(Duration.ofDays(LONGEST_DAYS)) <= 0) {
        return Optional.of(new Rotation(0, duration));
      }
    } catch (DateTimeParseException e) {
      // neither
    }
    return Optional.empty();
  }

  /** The text {@link #parse} reads back: {@code daily}, {@code weekly}, {@code P3D} or {@code PT12H}. */
  @Override
  public String toString() {
    if (days == 1) {
      return "daily";
    }
    if (days == 7) {
      return "weekly";
    }
    return days > 0 ? Period.ofDays(days).toString() : exact.toString();
  }
}
