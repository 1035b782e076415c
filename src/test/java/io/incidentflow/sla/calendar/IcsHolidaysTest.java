package io.incidentflow.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class IcsHolidaysTest {

  static final ClassPathResource SHIPPED = new ClassPathResource("calendars/public-holidays.ics");

  @Test
  void shouldReadYearlyAndDatedHolidaysOfTheShippedFile() {
    Set<LocalDate> holidays = IcsHolidays.read(SHIPPED, 2026, 2028);

    assertThat(holidays).hasSize(6 * 3 + 4 * 3).contains(
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 10, 3),
        LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26),
        LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25),
        LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 17),
        LocalDate.of(2028, 4, 14), LocalDate.of(2028, 4, 17), LocalDate.of(2028, 5, 25), LocalDate.of(2028, 6, 5),
        LocalDate.of(2028, 12, 26));
  }

  @Test
  void shouldExpandYearlyHolidaysFromTwoYearsBeforeToTenYearsAfterTheClocksYear() {
    Clock in2026 = Clock.fixed(Instant.parse("2026-06-15T00:00:00Z"), ZoneOffset.UTC);

    Set<LocalDate> holidays = IcsHolidays.read(SHIPPED, in2026);

    assertThat(holidays).contains(LocalDate.of(2024, 1, 1), LocalDate.of(2036, 12, 26))
        .doesNotContain(LocalDate.of(2023, 12, 25), LocalDate.of(2037, 1, 1));
  }

  @Test
  void shouldExpandARecurringRuleOverTheWindowOnly() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:christmas@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20101225
        RRULE:FREQ=YEARLY
        SUMMARY:Christmas Day
        END:VEVENT
        BEGIN:VEVENT
        UID:thanksgiving@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20101125
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
        SUMMARY:Thanksgiving
        END:VEVENT
        """);

    assertThat(IcsHolidays.read(stream(ics), "rules.ics", 2025, 2027)).containsExactly(
        LocalDate.of(2025, 11, 27), LocalDate.of(2025, 12, 25), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25),
        LocalDate.of(2027, 11, 25), LocalDate.of(2027, 12, 25));
  }

  @Test
  void shouldTakeEveryDayOfAMultiDayEventAndIgnoreTimedEvents() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:closure@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20261228
        DTEND;VALUE=DATE:20261231
        SUMMARY:Office closed
        END:VEVENT
        BEGIN:VEVENT
        UID:party@test
        DTSTAMP:20250101T000000Z
        DTSTART:20261218T140000Z
        DTEND:20261218T230000Z
        SUMMARY:Christmas party
        END:VEVENT
        """);

    assertThat(IcsHolidays.read(stream(ics), "closure.ics", 2026, 2026))
        .containsExactly(LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 30));
  }

  @Test
  void shouldNameTheFileAndLineWhenItsSyntaxIsBroken() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:unclosed@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20261225
        SUMMARY:An event without END:VEVENT
        """);

    assertThatThrownBy(() -> IcsHolidays.read(stream(ics), "broken.ics", 2026, 2026))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.ics")
        .hasMessageContaining("line 9");
  }

  @Test
  void shouldNameTheFileAndEventWithoutAStart() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:no-start@test
        DTSTAMP:20250101T000000Z
        SUMMARY:Some day
        END:VEVENT
        """);

    assertThatThrownBy(() -> IcsHolidays.read(stream(ics), "no-start.ics", 2026, 2026))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-start.ics")
        .hasMessageContaining("'Some day'");
  }

  @Test
  void shouldNameTheFileWhenADateIsNoDate() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:bad-date@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20261345
        SUMMARY:Thirteenth month
        END:VEVENT
        """);

    assertThatThrownBy(() -> IcsHolidays.read(stream(ics), "bad-date.ics", 2026, 2026))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad-date.ics");
  }

  @Test
  void shouldNameTheFileAndEventThatEndsAtATimeOnADateStart() {
    String ics = calendar("""
        BEGIN:VEVENT
        UID:mixed@test
        DTSTAMP:20250101T000000Z
        DTSTART;VALUE=DATE:20261225
        DTEND:20261226T100000Z
        SUMMARY:Half a holiday
        END:VEVENT
        """);

    assertThatThrownBy(() -> IcsHolidays.read(stream(ics), "mixed.ics", 2026, 2026))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixed.ics")
        .hasMessageContaining("'Half a holiday'");
  }

  @Test
  void shouldNameAFileThatIsNotThere() {
    assertThatThrownBy(() -> IcsHolidays.read(new ClassPathResource("calendars/no-such-file.ics"), 2026, 2026))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("calendars/no-such-file.ics");
  }

  private static String calendar(String events) {
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//IncidentFlow//Test//EN\n" + events + "END:VCALENDAR\n")
        .replace("\n", "\r\n");
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
