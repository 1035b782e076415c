package io.incidentflow.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When work is done: working days of the week, one span of working hours on each, and holidays (whole days off),
 * all in wall-clock time of the calendar's zone. SLA time counts only working time.
 *
 * <p>Daylight saving time: a working day counts the time that really passes between its opening and closing
 * wall-clock times, so a 00:00-24:00 day has 23 hours on the day clocks spring forward and 25 on the day they fall
 * back. An opening or closing time that the clocks skip is the moment they jump; one that they show twice is its
 * first occurrence.
 *
 * <p>Time is counted day by day, never minute by minute: a month-long target on a Monday-to-Friday calendar takes a
 * few dozen steps.
 *
 * @param days the working days of the week; at least one, or SLA time would never pass
 * @param holidays whole days off, dates in the calendar's zone
 */
public record BusinessCalendar(
    String name, ZoneId zone, Set<DayOfWeek> days, WorkingHours hours, Set<LocalDate> holidays) {

  public BusinessCalendar {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A business calendar needs a name");
    }
    Objects.requireNonNull(zone, "zone of calendar " + name);
    Objects.requireNonNull(hours, "hours of calendar " + name);
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("Calendar '" + name + "' has no working days: no SLA time would ever pass");
    }
    days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
  }

  /** Every moment is working time, in UTC: {@link #plus} is plain instant arithmetic. */
  public static BusinessCalendar always(String name) {
    return new BusinessCalendar(name, ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), WorkingHours.WHOLE_DAY, Set.of());
  }

  /**
   * An SLA target as an ISO-8601 duration: {@code PT4H}, {@code PT30M}, {@code P1DT12H}, or days and weeks alone
   * ({@code P3D}, {@code P1W}, {@code P1W2D}). A day is 24 hours of counted time, not one working day: on a
   * calendar of 10-hour working days, {@code P1D} lasts 2.4 working days. Months and years are refused, as their
   * length varies.
   *
   * @throws IllegalArgumentException for anything else, or a negative target
   */
  public static Duration parseTarget(String iso) {
    Objects.requireNonNull(iso, "SLA target");
    String text = iso.strip();
    Duration target;
    try {
      target = Duration.parse(text);
    } catch (DateTimeParseException notADuration) {
      target = daysAndWeeks(text);
    }
    if (target.isNegative()) {
      throw new IllegalArgumentException("SLA target '" + iso + "' is negative");
    }
    return target;
  }

  /**
   * The instant when {@code businessTime} of working time has passed after {@code start}; counting begins at the
   * first working moment at or after {@code start}. A target of zero is therefore that first working moment. A
   * target that runs out exactly at closing time is due at closing time, not at the next opening.
   */
  public Instant plus(Instant start, Duration businessTime) {
    Objects.requireNonNull(start, "start");
    if (businessTime.isNegative()) {
      throw new IllegalArgumentException("Negative business time: " + businessTime);
    }
    if (isContinuous()) {
      return start.plus(businessTime);
    }
    Duration left = businessTime;
    for (LocalDate day = dateOf(start); ; day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      Instant from = latest(start, opens(day));
      Instant to = closes(day);
      if (from.isBefore(to)) {
        Duration open = Duration.between(from, to);
        if (left.compareTo(open) <= 0) {
          return from.plus(left);
        }
        left = left.minus(open);
      }
    }
  }

  /** The working time between two instants; zero if {@code to} is not after {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (isContinuous()) {
      return Duration.between(from, to);
    }
    Duration worked = Duration.ZERO;
    LocalDate last = dateOf(to);
    for (LocalDate day = dateOf(from); !day.isAfter(last); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        Instant opens = latest(from, opens(day));
        Instant closes = earliest(to, closes(day));
        if (opens.isBefore(closes)) {
          worked = worked.plus(Duration.between(opens, closes));
        }
      }
    }
    return worked;
  }

  public boolean isWorkingTime(Instant t) {
    LocalDate day = dateOf(t);
    return isWorkingDay(day) && !t.isBefore(opens(day)) && t.isBefore(closes(day));
  }

  /** Holidays may be a dozen years of them: they are counted, not listed. */
  @Override
  public String toString() {
    return "BusinessCalendar[" + name + ": " + days + " " + hours + " " + zone + ", " + holidays.size() + " holidays]";
  }

  private boolean isContinuous() {
    return days.size() == DayOfWeek.values().length && hours.wholeDay() && holidays.isEmpty();
  }

  private boolean isWorkingDay(LocalDate day) {
    return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  private LocalDate dateOf(Instant t) {
    return LocalDate.ofInstant(t, zone);
  }

  private Instant opens(LocalDate day) {
    return at(day, hours.start());
  }

  private Instant closes(LocalDate day) {
    return hours.untilEndOfDay() ? at(day.plusDays(1), LocalTime.MIDNIGHT) : at(day, hours.end());
  }

  /** Wall-clock time to an instant: a time the clocks skip is the moment they jump, as no later time is meant. */
  private Instant at(LocalDate day, LocalTime time) {
    LocalDateTime local = day.atTime(time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zone).toInstant();
  }

  private static Duration daysAndWeeks(String text) {
    Period period;
    try {
      period = Period.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "SLA target '" + text + "' is no ISO-8601 duration such as PT4H, P1DT12H, P3D or P1W", e);
    }
    if (period.getYears() != 0 || period.getMonths() != 0) {
      throw new IllegalArgumentException("SLA target '" + text + "' counts months or years, whose length varies");
    }
    return Duration.ofDays(period.getDays());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
