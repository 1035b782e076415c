package io.incidentflow.sla.calendar;

import io.incidentflow.sla.calendar.SlaCalendarProperties.CalendarSpec;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * The configured business calendars by name ({@code incidentflow.sla.calendars}), built once at start: a wrong
 * zone, hours string or holiday file stops the application, naming its property, instead of the first SLA timer.
 */
@Component
public class BusinessCalendars {

  /** The calendar that always exists unless configured otherwise: every moment counts, in UTC. */
  public static final String ALWAYS = "24x7";

  static final String PREFIX = "incidentflow.sla.calendars.";

  private final Map<String, BusinessCalendar> calendars;

  /** @param clock places the window of years whose holidays are read from holiday files */
  public BusinessCalendars(SlaCalendarProperties properties, Clock clock) {
    Map<String, BusinessCalendar> byName = new TreeMap<>();
    byName.put(ALWAYS, BusinessCalendar.always(ALWAYS));
    properties.calendars().forEach((name, spec) -> byName.put(name, calendar(name, spec, clock)));
    this.calendars = Collections.unmodifiableMap(byName);
  }

  /** @throws UnknownCalendarException naming the known ones */
  public BusinessCalendar get(String name) {
    BusinessCalendar calendar = calendars.get(name);
    if (calendar == null) {
      throw new UnknownCalendarException(name, names());
    }
    return calendar;
  }

  /** In alphabetical order. */
  public Set<String> names() {
    return calendars.keySet();
  }

  private static BusinessCalendar calendar(String name, CalendarSpec spec, Clock clock) {
    String property = PREFIX + name + ".";
    ZoneId zone = zone(spec.zone(), property + "zone");
    WorkingHours hours;
    try {
      hours = WorkingHours.parse(spec.hours());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property + "hours", spec.hours(), e.getMessage());
    }
    Set<LocalDate> holidays = new HashSet<>(spec.holidays());
    if (spec.holidaysFile() != null) {
      try {
        holidays.addAll(IcsHolidays.read(spec.holidaysFile(), clock));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(
            property + "holidays-file", spec.holidaysFile().getDescription(), e.getMessage());
      }
    }
    try {
      return new BusinessCalendar(name, zone, Set.copyOf(spec.days()), hours, holidays);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property + "days", spec.days(), e.getMessage());
    }
  }

  private static ZoneId zone(String zone, String property) {
    if (zone == null || zone.isBlank()) {
      throw new InvalidConfigurationPropertyValueException(
          property, zone, "a business calendar needs a zone, e.g. Europe/Berlin");
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw new InvalidConfigurationPropertyValueException(property, zone, "no such zone: " + e.getMessage());
    }
  }
}
