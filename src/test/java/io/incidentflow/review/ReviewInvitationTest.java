package io.incidentflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.mail.Recipient;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

class ReviewInvitationTest {

  private static final Instant START = Instant.parse("2026-12-02T13:00:00Z");
  private static final Instant END = Instant.parse("2026-12-02T14:00:00Z");

  @Test
  void shouldBeARequestThatCalendarAppsReadBack() throws Exception {
    Calendar calendar = parse(ReviewInvitation.request(meeting("INC-2026-0042", START, END, 0)));

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue()).isEqualTo(ReviewInvitation.PRODUCT_ID);
    VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("post-incident-review-INC-2026-0042@incidentflow");
    assertThat(event.getSequence().getSequenceNo()).isZero();
    assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(START);
    assertThat(Instant.from(event.getDateTimeEnd().getDate())).isEqualTo(END);
    assertThat(event.getSummary().getValue())
        .isEqualTo("Post-incident review: INC-2026-0042 Checkout down; cards refused");
    assertThat(event.getLocation().getValue()).isEqualTo("Room 4, https://meet.example/inc");
    assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue()).isEqualTo("mailto:ivy@example.com");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees).extracting(Property::getValue)
        .containsExactly("mailto:ivy@example.com", "mailto:tom@example.com", "mailto:vendor@example.org");
    assertThat(attendees.get(1).getParameter("CN").orElseThrow().getValue()).isEqualTo("Tom Tech");
    assertThat(attendees.get(1).getParameter("RSVP").orElseThrow()).isEqualTo(Rsvp.TRUE);
    assertThat(attendees.get(1).getParameter("PARTSTAT").orElseThrow()).isEqualTo(PartStat.NEEDS_ACTION);
    assertThat(event.getDescription().getValue()).contains("https://incidentflow.example/review");
  }

  @Test
  void shouldMoveTheSameEventWhenRescheduled() throws Exception {
    VEvent first = parse(ReviewInvitation.request(meeting("INC-2026-0042", START, END, 0))).<VEvent>getComponent("VEVENT")
        .orElseThrow();
    Instant later = ZonedDateTime.parse("2026-12-03T10:00+01:00").toInstant();
    VEvent moved = parse(ReviewInvitation.request(meeting("INC-2026-0042", later, later.plusSeconds(1800), 1)))
        .<VEvent>getComponent("VEVENT").orElseThrow();

    assertThat(moved.getUid()).isEqualTo(first.getUid());
    assertThat(moved.getSequence().getSequenceNo()).isEqualTo(1);
    assertThat(Instant.from(moved.getDateTimeStart().getDate())).isEqualTo(later);
    assertThat(ReviewInvitation.uid("INC-2026-0043")).isNotEqualTo(ReviewInvitation.uid("INC-2026-0042"));
  }

  private static ReviewMeeting meeting(String incidentId, Instant start, Instant end, int sequence) {
    return new ReviewMeeting(incidentId, "Checkout down; cards refused", start, end, "Room 4, https://meet.example/inc",
        new Recipient("Ivy Incident", "ivy@example.com"),
        List.of(new Recipient("Ivy Incident", "ivy@example.com"), new Recipient("Tom Tech", "tom@example.com"),
            new Recipient("vendor@example.org", "vendor@example.org")),
        sequence, "https://incidentflow.example/review");
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }
}
