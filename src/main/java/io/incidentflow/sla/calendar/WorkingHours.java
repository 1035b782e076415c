package io.incidentflow.sla.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The working hours of a working day in wall-clock time, from {@code start} (inclusive) to {@code end}
 * (exclusive). An {@code end} of {@link LocalTime#MIDNIGHT} is the end of the day, written {@code 24:00}: no
 * working day ends at its own start, so midnight is free to mean that.
 */
public record WorkingHours(LocalTime start, LocalTime end) {

  public static final WorkingHours WHOLE_DAY = new WorkingHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  private static final String END_OF_DAY = "24:00";

  public WorkingHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
      throw new IllegalArgumentException("Working hours must start before they end: " + format(start, end));
    }
  }

  /**
   * {@code "08:00-18:00"}; {@code "00:00-24:00"} is the whole day.
   *
   * @throws IllegalArgumentException for any other form, or hours that end before they start
   */
  public static WorkingHours parse(String text) {
    String[] times = text == null ? new String[0] : text.strip().split("\\s*-\\s*");
    if (times.length != 2) {
      throw new IllegalArgumentException(notHours(text));
    }
    try {
      LocalTime end = END_OF_DAY.equals(times[1]) ? LocalTime.MIDNIGHT : LocalTime.parse(times[1]);
      if (end.equals(LocalTime.MIDNIGHT) && !END_OF_DAY.equals(times[1])) {
        throw new IllegalArgumentException(notHours(text) + ": the end of the day is 24:00");
      }
      return new WorkingHours(LocalTime.parse(times[0]), end);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(notHours(text), e);
    }
  }

  /** Whether the working day lasts until midnight, when the next day begins. */
  public boolean untilEndOfDay() {
    return end.equals(LocalTime.MIDNIGHT);
  }

  /** Whether every moment of a working day is working time. */
  public boolean wholeDay() {
    return start.equals(LocalTime.MIDNIGHT) && untilEndOfDay();
  }

  @Override
  public String toString() {
    return format(start, end);
  }

  private static String format(LocalTime start, LocalTime end) {
    return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? END_OF_DAY : end.toString());
  }

  private static String notHours(String text) {
    return "'" + text + "' are no working hours: HH:mm-HH:mm, e.g. 08:00-18:00 or 00:00-24:00";
  }
}
