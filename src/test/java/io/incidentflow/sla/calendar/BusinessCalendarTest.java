package io.incidentflow.sla.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Set<LocalDate> CHRISTMAS_2026 =
      Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));

  final BusinessCalendar office = new BusinessCalendar("business-hours", BERLIN,
      Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), WorkingHours.parse("08:00-18:00"), CHRISTMAS_2026);

  @Test
  void shouldContinueOnMondayWhenTargetRunsPastFridayClose() {
    // SEV3 reported Friday 6 March 2026, 17:30 in Berlin (CET, UTC+1) with an 8-hour target:
    // 30 minutes on Friday, the other 7 h 30 from Monday 08:00
    Instant reported = berlin("2026-03-06T17:30");

    Instant due = office.plus(reported, Duration.ofHours(8));

    assertThat(due).isEqualTo(Instant.parse("2026-03-09T14:30:00Z")).isEqualTo(berlin("2026-03-09T15:30"));
  }

  @Test
  void shouldSkipHolidaysAndTheWeekendBetween() {
    // Wednesday 23 December 17:00: one hour left that day; 24 to 27 December off; on Monday 28th from 08:00
    assertThat(office.plus(berlin("2026-12-23T17:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-28T09:00"));
    assertThat(office.between(berlin("2026-12-23T17:00"), berlin("2026-12-28T09:00"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldStartCountingAtTheNextOpeningWhenStartedOutsideWorkingHours() {
    assertThat(office.plus(berlin("2026-03-03T06:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-03-03T09:00"));
    assertThat(office.plus(berlin("2026-03-03T19:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-03-04T09:00"));
    assertThat(office.plus(berlin("2026-03-07T11:00"), Duration.ofMinutes(90))).isEqualTo(berlin("2026-03-09T09:30"));
  }

  @Test
  void shouldAnswerTheNextWorkingMomentForAZeroTarget() {
    assertThat(office.plus(berlin("2026-03-03T10:15"), Duration.ZERO)).isEqualTo(berlin("2026-03-03T10:15"));
    assertThat(office.plus(berlin("2026-03-06T18:00"), Duration.ZERO)).isEqualTo(berlin("2026-03-09T08:00"));
  }

  @Test
  void shouldBeDueAtClosingTimeWhenTheTargetRunsOutExactlyThen() {
    assertThat(office.plus(berlin("2026-03-02T08:00"), Duration.ofHours(10))).isEqualTo(berlin("2026-03-02T18:00"));
  }

  @Test
  void shouldCountOnlyWorkingTimeBetweenTwoInstants() {
    assertThat(office.between(berlin("2026-03-06T17:00"), berlin("2026-03-09T09:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(office.between(berlin("2026-03-02T00:00"), berlin("2026-03-09T00:00"))).isEqualTo(Duration.ofHours(50));
    assertThat(office.between(berlin("2026-03-07T10:00"), berlin("2026-03-08T10:00"))).isZero();
  }

  @Test
  void shouldCountNothingBetweenInstantsInTheWrongOrder() {
    assertThat(office.between(berlin("2026-03-09T12:00"), berlin("2026-03-09T10:00"))).isZero();
    assertThat(office.between(berlin("2026-03-09T12:00"), berlin("2026-03-09T12:00"))).isZero();
  }

  @Test
  void shouldTellWorkingTimeFromClosedHoursWeekendsAndHolidays() {
    assertThat(office.isWorkingTime(berlin("2026-03-09T08:00"))).isTrue();
    assertThat(office.isWorkingTime(berlin("2026-03-09T17:59:59.999"))).isTrue();
    assertThat(office.isWorkingTime(berlin("2026-03-09T18:00"))).isFalse();
    assertThat(office.isWorkingTime(berlin("2026-03-09T07:59"))).isFalse();
    assertThat(office.isWorkingTime(berlin("2026-03-07T12:00"))).isFalse();
    assertThat(office.isWorkingTime(berlin("2026-12-24T12:00"))).isFalse();
  }

  @Test
  void shouldCountDaysOfATargetAsTwentyFourHoursOfWorkingTime() {
    Instant mondayMorning = berlin("2026-01-05T08:00");

    // 24 h = two 10-hour days and 4 hours
    assertThat(office.plus(mondayMorning, BusinessCalendar.parseTarget("P1D"))).isEqualTo(berlin("2026-01-07T12:00"));
    // 72 h = seven working days (to Tuesday of the next week) and 2 hours
    assertThat(office.plus(mondayMorning, BusinessCalendar.parseTarget("P3D"))).isEqualTo(berlin("2026-01-14T10:00"));
  }

  @Test
  void shouldCountAMonthLongTargetDayByDay() {
    // 720 h = 72 working days of 10 h: 14 weeks and 2 days, ending at Tuesday's close (CEST by then)
    assertThat(office.plus(berlin("2026-01-05T08:00"), BusinessCalendar.parseTarget("P30D")))
        .isEqualTo(berlin("2026-04-14T18:00"));
    Instant start = berlin("2026-01-05T08:00");
    Instant due = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> office.plus(start, Duration.ofDays(3650)));
    assertThat(office.between(start, due)).isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void shouldAddPlainTimeOnTheAlwaysCalendar() {
    BusinessCalendar always = BusinessCalendar.always("24x7");
    Instant friday = Instant.parse("2026-03-06T16:30:00Z");

    assertThat(always.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(always.plus(friday, Duration.ofHours(8))).isEqualTo(Instant.parse("2026-03-07T00:30:00Z"));
    assertThat(always.between(friday, friday.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofDays(3));
    assertThat(always.isWorkingTime(friday)).isTrue();
  }

  @Test
  void shouldRefuseACalendarWithoutWorkingDaysNamingIt() {
    assertThatThrownBy(() -> new BusinessCalendar("never", BERLIN, Set.of(), WorkingHours.WHOLE_DAY, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'never'");
  }

  @Test
  void shouldRefuseANegativeBusinessTime() {
    assertThatThrownBy(() -> office.plus(berlin("2026-03-09T10:00"), Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepItsDaysAndHolidaysFromChangingAfterConstruction() {
    assertThatThrownBy(() -> office.days().add(DayOfWeek.SATURDAY)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> office.holidays().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }
}
