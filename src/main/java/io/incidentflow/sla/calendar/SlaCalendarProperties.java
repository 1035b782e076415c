package io.incidentflow.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.sla}: the business calendars SLA time is counted in, by name. {@code 24x7} exists without
 * being configured. Zones and hours are checked when {@link BusinessCalendars} starts, so that a mistake names its
 * property.
 */
@Validated
@ConfigurationProperties("incidentflow.sla")
public record SlaCalendarProperties(@DefaultValue Map<String, CalendarSpec> calendars) {

  /**
   * @param zone the zone whose wall clock the hours and holidays are in, e.g. {@code Europe/Berlin}
   * @param days the working days of the week
   * @param hours the working hours of a working day, {@code 08:00-18:00}; {@code 00:00-24:00} the whole day
   * @param holidays whole days off
   * @param holidaysFile more of them from an iCalendar file, e.g. {@code classpath:calendars/public-holidays.ics};
   *     null: none
   */
  public record CalendarSpec(
      String zone,
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> days,
      String hours,
      @DefaultValue List<LocalDate> holidays,
      Resource holidaysFile) {}
}
