package io.incidentflow.oncall.schedule;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On-call shifts as iCalendar (RFC 5545) for calendar apps to subscribe to: one event per shift of the
 * flattened timeline, from 30 days back to 90 days ahead, times in UTC. An event's UID comes from the schedule,
 * user, start and reason of its shift, so a refresh updates the calendar rather than duplicating it.
 */
@Component
class OnCallCalendar {

  static final Duration BACK = Duration.ofDays(30);
  static final Duration AHEAD = Duration.ofDays(90);
  /** How often calendar apps should fetch the feed again (RFC 7986, and Outlook's own property). */
  static final Duration REFRESH = Duration.ofHours(1);

  private final ScheduleService schedules;
  private final OnCallSchedules onCall;
  private final Clock clock;

  OnCallCalendar(ScheduleService schedules, OnCallSchedules onCall, Clock clock) {
    this.schedules = schedules;
    this.onCall = onCall;
    this.clock = clock;
  }

  /** Every shift of the schedule. @throws UnknownScheduleException when there is none */
  @Transactional(readOnly = true)
  String ofSchedule(String scheduleId) {
    Schedule schedule = schedules.get(scheduleId);
    Calendar calendar = calendar("On call: " + schedule.name());
    Instant today = today();
    onCall.shifts(scheduleId, today.minus(BACK), today.plus(AHEAD)).forEach(shift -> calendar.add(event(schedule, shift)));
    return write(calendar);
  }

  /** The user's shifts in every schedule. */
  @Transactional(readOnly = true)
  String ofUser(String userId) {
    Calendar calendar = calendar("On call: " + userId);
    Instant today = today();
    List<VEvent> events = new ArrayList<>();
    for (String scheduleId : schedules.scheduleIdsOf(userId)) {
      Schedule schedule = schedules.get(scheduleId);
      onCall.shifts(scheduleId, today.minus(BACK), today.plus(AHEAD)).stream()
          .filter(shift -> shift.user().equals(userId))
          .forEach(shift -> events.add(event(schedule, shift)));
    }
    events.forEach(calendar::add);
    return write(calendar);
  }

  /** The window moves once a day (UTC), so that the first event, cut to it, keeps its UID all day. */
  private Instant today() {
    return clock.instant().truncatedTo(ChronoUnit.DAYS);
  }

  private static Calendar calendar(String name) {
    return new Calendar()
        .withProdId("-//IncidentFlow//On-call schedules//EN")
        .withDefaults()
        .withProperty(new XProperty("X-WR-CALNAME", name))
        .withProperty(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH))
        .withProperty(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()))
        .getFluentTarget();
  }

  private static VEvent event(Schedule schedule, Shift shift) {
    String reason = shift.isOverride() ? "override " + shift.overrideId() : "layer " + shift.layer();
    String key = String.join("|", schedule.id(), shift.user(), shift.start().toString(), reason);
    VEvent event = new VEvent(shift.start(), shift.end(), "On call: " + schedule.name());
    event.add(new Uid(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + "@incidentflow"));
    event.add(new Description(shift.user() + " is on call in " + schedule.name() + " (" + reason + ")"));
    return event;
  }

  private static String write(Calendar calendar) {
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter().output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
