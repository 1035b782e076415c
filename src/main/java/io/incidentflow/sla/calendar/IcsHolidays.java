package io.incidentflow.sla.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.Temporal;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Summary;
import org.springframework.core.io.Resource;

/**
 * Holidays from an iCalendar (RFC 5545) file, as calendar apps and public-holiday feeds export them: every
 * all-day event ({@code DTSTART;VALUE=DATE}) is a day off, or several for one that lasts days (its
 * {@code DTEND} is exclusive); recurring ones ({@code RRULE:FREQ=YEARLY}) on every occurrence within a window of
 * years. Timed events are ignored: an office closed from 14:00 has not closed for the day.
 */
public final class IcsHolidays {

  /** The default window: holidays of the past years still count for SLA timers started back then. */
  public static final int YEARS_BACK = 2;
  /** The default window: far beyond any SLA target, and the application restarts more often than this. */
  public static final int YEARS_AHEAD = 10;

  private IcsHolidays() {}

  /**
   * The days off from 1 January {@value #YEARS_BACK} years before the clock's year to 31 December
   * {@value #YEARS_AHEAD} years after it.
   */
  public static Set<LocalDate> read(Resource file, Clock clock) {
    int year = Year.now(clock).getValue();
    return read(file, year - YEARS_BACK, year + YEARS_AHEAD);
  }

  /**
   * The days off from 1 January of {@code fromYear} to 31 December of {@code toYear}.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or is no valid iCalendar
   */
  public static Set<LocalDate> read(Resource file, int fromYear, int toYear) {
    try (InputStream in = file.getInputStream()) {
      return read(in, file.getDescription(), fromYear, toYear);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Holiday file " + file.getDescription() + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The days off from 1 January of {@code fromYear} to 31 December of {@code toYear}.
   *
   * @param fileName names the file in errors
   * @throws IllegalArgumentException naming the file when it is no valid iCalendar
   */
  public static Set<LocalDate> read(InputStream in, String fileName, int fromYear, int toYear) {
    if (toYear < fromYear) {
      throw new IllegalArgumentException("Holiday years " + fromYear + " to " + toYear + " are no range");
    }
    LocalDate first = LocalDate.of(fromYear, 1, 1);
    LocalDate end = LocalDate.of(toYear + 1, 1, 1);
    Calendar calendar = parse(in, fileName);
    Set<LocalDate> days = new TreeSet<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      try {
        addDaysOff(event, first, end, days);
      } catch (RuntimeException e) {
        // the syntax was fine, the event is not (no start, a date start with a timed end): name the event
        throw new IllegalArgumentException(
            "Holiday file " + fileName + ": event '" + summary(event) + "' cannot be read: " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableSet(days);
  }

  private static Calendar parse(InputStream in, String fileName) {
    try {
      return new CalendarBuilder().build(in);
    } catch (ParserException e) {
      throw new IllegalArgumentException("Holiday file " + fileName + " is no valid iCalendar: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Holiday file " + fileName + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void addDaysOff(VEvent event, LocalDate first, LocalDate end, Set<LocalDate> days) {
    Optional<DtStart<Temporal>> start = event.getStartDate();
    if (start.isEmpty()) {
      throw new IllegalArgumentException("no DTSTART");
    }
    if (!(start.get().getDate() instanceof LocalDate)) {
      return;
    }
    Set<Period<LocalDate>> occurrences = event.calculateRecurrenceSet(new Period<>(first, end));
    for (Period<LocalDate> occurrence : occurrences) {
      LocalDate from = occurrence.getStart();
      // an all-day event without DTEND or DURATION is one day long (RFC 5545 3.6.1): ical4j ends it where it starts
      LocalDate until = occurrence.getEnd().isAfter(from) ? occurrence.getEnd() : from.plusDays(1);
      from.datesUntil(until).filter(day -> !day.isBefore(first) && day.isBefore(end)).forEach(days::add);
    }
  }

  private static String summary(VEvent event) {
    return event.<Summary>getProperty(Property.SUMMARY).map(Summary::getValue).orElse("(no summary)");
  }
}
