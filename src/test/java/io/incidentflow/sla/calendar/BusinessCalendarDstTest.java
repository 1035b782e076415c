package io.incidentflow.sla.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clock changes in 2026: Berlin springs forward on 29 March (02:00 to 03:00) and falls back on 25 October (03:00
 * to 02:00); New York on 8 March (02:00 to 03:00) and 1 November (02:00 to 01:00). The calendars work only on
 * Sundays, so that only the day of the change counts.
 */
class BusinessCalendarDstTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void shouldCountTwentyThreeHoursOnTheWholeSundayBerlinSpringsForward() {
    BusinessCalendar sundays = sundays(BERLIN, "00:00-24:00");

    assertThat(sundays.between(berlin("2026-03-28T12:00"), berlin("2026-03-30T12:00"))).isEqualTo(hours(23));
    assertThat(sundays.plus(berlin("2026-03-28T12:00"), hours(3))).isEqualTo(berlin("2026-03-29T04:00"));
    assertThat(sundays.plus(berlin("2026-03-28T12:00"), hours(23))).isEqualTo(berlin("2026-03-30T00:00"));
    assertThat(sundays.plus(berlin("2026-03-28T12:00"), hours(24))).isEqualTo(berlin("2026-04-05T01:00"));
  }

  @Test
  void shouldCountTwentyFiveHoursOnTheWholeSundayBerlinFallsBack() {
    BusinessCalendar sundays = sundays(BERLIN, "00:00-24:00");

    assertThat(sundays.between(berlin("2026-10-24T12:00"), berlin("2026-10-26T12:00"))).isEqualTo(hours(25));
    assertThat(sundays.plus(berlin("2026-10-24T12:00"), hours(25))).isEqualTo(berlin("2026-10-26T00:00"));
  }

  @Test
  void shouldCountTwoRealHoursFromOneToFourWhenBerlinSpringsForward() {
    BusinessCalendar nights = sundays(BERLIN, "01:00-04:00");

    assertThat(nights.between(berlin("2026-03-29T00:00"), berlin("2026-03-29T05:00"))).isEqualTo(hours(2));
    // 01:00 CET is 00:00 UTC: an hour and a half later the clocks show 03:30 CEST
    assertThat(nights.plus(berlin("2026-03-28T12:00"), Duration.ofMinutes(90))).isEqualTo(utc("2026-03-29T01:30"));
    assertThat(nights.isWorkingTime(utc("2026-03-29T01:59"))).isTrue();
    assertThat(nights.isWorkingTime(utc("2026-03-29T02:00"))).isFalse();
  }

  @Test
  void shouldCountFourRealHoursFromOneToFourWhenBerlinFallsBack() {
    BusinessCalendar nights = sundays(BERLIN, "01:00-04:00");

    assertThat(nights.between(berlin("2026-10-25T00:00"), berlin("2026-10-25T05:00"))).isEqualTo(hours(4));
    // 01:00 CEST is 23:00 UTC the day before; 4 hours later it is 04:00 CET
    assertThat(nights.plus(berlin("2026-10-24T12:00"), hours(4))).isEqualTo(utc("2026-10-25T03:00"));
  }

  @Test
  void shouldCountTwentyThreeAndTwentyFiveHoursOnWholeSundaysInNewYork() {
    BusinessCalendar sundays = sundays(NEW_YORK, "00:00-24:00");

    assertThat(sundays.between(newYork("2026-03-07T12:00"), newYork("2026-03-09T12:00"))).isEqualTo(hours(23));
    assertThat(sundays.between(newYork("2026-10-31T12:00"), newYork("2026-11-02T12:00"))).isEqualTo(hours(25));
    assertThat(sundays.plus(newYork("2026-03-07T12:00"), hours(3))).isEqualTo(newYork("2026-03-08T04:00"));
  }

  @Test
  void shouldCountFromOneToFourInNewYorkFromTheFirstOneOClockWhenClocksFallBack() {
    BusinessCalendar nights = sundays(NEW_YORK, "01:00-04:00");

    assertThat(nights.between(newYork("2026-03-08T00:00"), newYork("2026-03-08T05:00"))).isEqualTo(hours(2));
    // 01:00 comes twice on 1 November: first at 01:00 EDT (05:00 UTC); 04:00 EST is 09:00 UTC
    assertThat(nights.plus(newYork("2026-10-31T12:00"), Duration.ZERO)).isEqualTo(utc("2026-11-01T05:00"));
    assertThat(nights.between(newYork("2026-11-01T00:00"), newYork("2026-11-01T05:00"))).isEqualTo(hours(4));
  }

  @Test
  void shouldOpenOrCloseWhenTheClocksJumpOverTheOpeningOrClosingTime() {
    // 02:30 does not exist in Berlin on 29 March: the day opens, or closes, at the jump (01:00 UTC)
    BusinessCalendar opensInGap = sundays(BERLIN, "02:30-05:00");
    BusinessCalendar closesInGap = sundays(BERLIN, "00:00-02:30");

    assertThat(opensInGap.plus(berlin("2026-03-28T12:00"), Duration.ZERO)).isEqualTo(utc("2026-03-29T01:00"));
    assertThat(opensInGap.between(berlin("2026-03-29T00:00"), berlin("2026-03-29T06:00"))).isEqualTo(hours(2));
    assertThat(closesInGap.between(berlin("2026-03-29T00:00"), berlin("2026-03-29T06:00"))).isEqualTo(hours(2));
  }

  @Test
  void shouldOpenMondayAtLocalEightAfterTheClocksSprangForwardOnSunday() {
    BusinessCalendar office = new BusinessCalendar("office", BERLIN,
        Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), WorkingHours.parse("08:00-18:00"), Set.of());

    // Friday 17:30 CET (16:30 UTC); Monday 08:00 is CEST (06:00 UTC)
    assertThat(office.plus(berlin("2026-03-27T17:30"), hours(1))).isEqualTo(utc("2026-03-30T06:30"));
    assertThat(office.between(berlin("2026-03-27T17:30"), utc("2026-03-30T06:30"))).isEqualTo(hours(1));
  }

  static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }

  static BusinessCalendar sundays(ZoneId zone, String hours) {
    return new BusinessCalendar("sundays", zone, Set.of(SUNDAY), WorkingHours.parse(hours), Set.of());
  }

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  static Instant newYork(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  static Instant utc(String dateTime) {
    return Instant.parse(dateTime + ":00Z");
  }
}
