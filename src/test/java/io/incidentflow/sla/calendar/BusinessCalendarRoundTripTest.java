package io.incidentflow.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * plus() and between() agree for many random starts and targets (a fixed seed, so a failure repeats), over
 * calendars whose days include clock changes, holidays and hours up to midnight.
 */
class BusinessCalendarRoundTripTest {

  static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  static final long SPAN_SECONDS = Duration.ofDays(3 * 365).toSeconds();

  static final List<BusinessCalendar> CALENDARS = List.of(
      calendar("Europe/Berlin", "08:00-18:00", Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)),
      calendar("America/New_York", "01:00-04:00", Set.of(DayOfWeek.SUNDAY)),
      calendar("Europe/Berlin", "00:00-24:00", Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
      calendar("America/New_York", "22:00-24:00", Set.of(DayOfWeek.values())),
      BusinessCalendar.always("24x7"));

  @Test
  void shouldCountBackExactlyTheBusinessTimeThatPlusAdded() {
    Random random = new Random(20260329L);
    for (BusinessCalendar calendar : CALENDARS) {
      for (int i = 0; i < 2_000; i++) {
        Instant start = FROM.plusSeconds(random.nextLong(SPAN_SECONDS)).plusMillis(random.nextInt(1000));
        Duration target = Duration.ofSeconds(random.nextLong(Duration.ofHours(200).toSeconds()));

        Instant due = calendar.plus(start, target);

        assertThat(due).as("%s from %s plus %s", calendar, start, target).isAfterOrEqualTo(start);
        assertThat(calendar.between(start, due)).as("%s from %s to %s", calendar, start, due).isEqualTo(target);
        if (!target.isZero()) {
          assertThat(calendar.isWorkingTime(due.minusNanos(1))).as("%s just before %s", calendar, due).isTrue();
        }
      }
    }
  }

  @Test
  void shouldStartAZeroTargetOnAWorkingMoment() {
    Random random = new Random(20261025L);
    for (BusinessCalendar calendar : CALENDARS) {
      for (int i = 0; i < 500; i++) {
        Instant start = FROM.plusSeconds(random.nextLong(SPAN_SECONDS));

        Instant next = calendar.plus(start, Duration.ZERO);

        assertThat(calendar.isWorkingTime(next)).as("%s from %s", calendar, start).isTrue();
        assertThat(calendar.between(start, next)).isZero();
      }
    }
  }

  private static BusinessCalendar calendar(String zone, String hours, Set<DayOfWeek> days) {
    Set<LocalDate> holidays = Set.of(LocalDate.of(2025, 12, 25), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 5, 1),
        LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));
    return new BusinessCalendar(zone + " " + hours, ZoneId.of(zone), days, WorkingHours.parse(hours), holidays);
  }
}
