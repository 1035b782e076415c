package io.incidentflow.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class BusinessCalendarsTest {

  static final String CALENDAR = "incidentflow.sla.calendars.business-hours.";

  final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

  @Test
  void shouldOfferOnlyTwentyFourSevenWhenNothingIsConfigured() {
    runner.run(context -> {
      BusinessCalendars calendars = context.getBean(BusinessCalendars.class);

      assertThat(calendars.names()).containsExactly("24x7");
      assertThat(calendars.get("24x7")).isEqualTo(BusinessCalendar.always("24x7"));
    });
  }

  @Test
  void shouldBuildAConfiguredCalendarWithHolidaysFromTheListAndTheFile() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "days=MONDAY,TUESDAY,WEDNESDAY",
            CALENDAR + "hours=08:00-18:00", CALENDAR + "holidays=2026-08-14,2026-11-02",
            CALENDAR + "holidays-file=classpath:calendars/public-holidays.ics")
        .run(context -> {
          BusinessCalendars calendars = context.getBean(BusinessCalendars.class);
          BusinessCalendar calendar = calendars.get("business-hours");

          assertThat(calendars.names()).containsExactly("24x7", "business-hours");
          assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
          assertThat(calendar.days())
              .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
          assertThat(calendar.hours()).isEqualTo(WorkingHours.parse("08:00-18:00"));
          // the clock says 2026: the file's yearly holidays reach to 2036
          assertThat(calendar.holidays()).contains(LocalDate.of(2026, 8, 14), LocalDate.of(2026, 11, 2),
              LocalDate.of(2026, 12, 24), LocalDate.of(2036, 12, 25));
        });
  }

  @Test
  void shouldWorkMondayToFridayUnlessDaysAreConfigured() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=08:00-18:00").run(context -> {
      BusinessCalendar calendar = context.getBean(BusinessCalendars.class).get("business-hours");

      assertThat(calendar.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
      Instant fridayEvening = LocalDateTime.parse("2026-03-06T17:30").atZone(calendar.zone()).toInstant();
      assertThat(calendar.plus(fridayEvening, Duration.ofHours(8))).isEqualTo(Instant.parse("2026-03-09T14:30:00Z"));
    });
  }

  @Test
  void shouldLetConfigurationRedefineTwentyFourSeven() {
    runner.withPropertyValues("incidentflow.sla.calendars.24x7.zone=Europe/Berlin",
            "incidentflow.sla.calendars.24x7.hours=00:00-24:00",
            "incidentflow.sla.calendars.24x7.days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
            "incidentflow.sla.calendars.24x7.holidays=2026-12-25")
        .run(context -> assertThat(context.getBean(BusinessCalendars.class).get("24x7").holidays())
            .containsExactly(LocalDate.of(2026, 12, 25)));
  }

  @Test
  void shouldNameTheKnownCalendarsWhenAskedForAnUnknownOne() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=08:00-18:00").run(context -> {
      BusinessCalendars calendars = context.getBean(BusinessCalendars.class);

      assertThatThrownBy(() -> calendars.get("office"))
          .isInstanceOf(UnknownCalendarException.class)
          .hasMessageContaining("'office'")
          .hasMessageContaining("24x7, business-hours");
    });
  }

  @Test
  void shouldFailAtStartNamingThePropertyOfHoursThatEndBeforeTheyStart() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=18:00-08:00").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("incidentflow.sla.calendars.business-hours.hours")
            .hasMessageContaining("18:00-08:00"));
  }

  @Test
  void shouldFailAtStartNamingThePropertyOfHoursInAnotherForm() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=8 to 6").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("incidentflow.sla.calendars.business-hours.hours"));
  }

  @Test
  void shouldFailAtStartNamingThePropertyOfAnUnknownZone() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Atlantis", CALENDAR + "hours=08:00-18:00").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("incidentflow.sla.calendars.business-hours.zone")
            .hasMessageContaining("Europe/Atlantis"));
  }

  @Test
  void shouldFailAtStartNamingThePropertyOfAMissingHolidayFile() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=08:00-18:00",
            CALENDAR + "holidays-file=classpath:calendars/no-such-file.ics")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("incidentflow.sla.calendars.business-hours.holidays-file")
            .hasMessageContaining("no-such-file.ics"));
  }

  @Test
  void shouldFailAtStartNamingACalendarWithoutWorkingDays() {
    runner.withPropertyValues(CALENDAR + "zone=Europe/Berlin", CALENDAR + "hours=08:00-18:00", CALENDAR + "days=")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("incidentflow.sla.calendars.business-hours.days")
            .hasMessageContaining("'business-hours'"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SlaCalendarProperties.class)
  @Import(BusinessCalendars.class)
  static class Config {

    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2026-06-15T00:00:00Z"), ZoneOffset.UTC);
    }
  }
}
