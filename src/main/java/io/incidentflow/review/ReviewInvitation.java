package io.incidentflow.review;

import io.incidentflow.mail.Recipient;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;

/**
 * The meeting as an iCalendar request (RFC 5546 {@code METHOD:REQUEST}) that mail clients show with Accept and
 * Decline. Its UID is the incident's, so a reschedule (a higher SEQUENCE) moves the event already in the
 * attendees' calendars instead of adding a second one.
 */
final class ReviewInvitation {

  static final String PRODUCT_ID = "-//IncidentFlow//Post-incident review//EN";

  private ReviewInvitation() {}

  /** The same for every invitation of one incident's review, and never the same for two incidents. */
  static String uid(String incidentId) {
    return "post-incident-review-" + incidentId + "@incidentflow";
  }

  static String request(ReviewMeeting meeting) {
    VEvent event = new VEvent(meeting.start(), meeting.end(), "Post-incident review: " + meeting.incidentId() + " "
        + meeting.title());
    event.add(new Uid(uid(meeting.incidentId())));
    event.add(new Sequence(meeting.sequence()));
    event.add(ImmutableStatus.VEVENT_CONFIRMED);
    if (meeting.location() != null && !meeting.location().isBlank()) {
      event.add(new Location(meeting.location()));
    }
    event.add(new Description("Post-incident review of " + meeting.incidentId() + ": " + meeting.title()
        + "\nThe incident, its timeline and SLAs: " + meeting.link()));
    Organizer organizer = new Organizer(mailto(meeting.organizer()));
    organizer.add(new Cn(meeting.organizer().name()));
    event.add(organizer);
    for (Recipient attendee : meeting.attendees()) {
      Attendee property = new Attendee(mailto(attendee));
      property.add(new Cn(attendee.name()));
      property.add(Role.REQ_PARTICIPANT);
      property.add(PartStat.NEEDS_ACTION);
      property.add(CuType.INDIVIDUAL);
      property.add(Rsvp.TRUE);
      event.add(property);
    }
    Calendar calendar = new Calendar()
        .withProdId(PRODUCT_ID)
        .withDefaults()
        .withProperty(ImmutableMethod.REQUEST)
        .withComponent(event)
        .getFluentTarget();
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter().output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static URI mailto(Recipient recipient) {
    return URI.create("mailto:" + recipient.email());
  }
}
