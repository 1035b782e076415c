package io.incidentflow.review;

import io.incidentflow.mail.Recipient;
import java.time.Instant;
import java.util.List;

/**
 * A post-incident review meeting as invited.
 *
 * @param sequence the iCalendar SEQUENCE: 0 for the first invitation, one more for each reschedule
 */
public record ReviewMeeting(String incidentId, String title, Instant start, Instant end, String location,
    Recipient organizer, List<Recipient> attendees, int sequence, String link) {}
