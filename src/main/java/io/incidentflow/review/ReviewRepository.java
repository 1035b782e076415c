package io.incidentflow.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code incident_review} (V15): the meeting as last invited and the review document. */
@Repository
class ReviewRepository {

  record Review(String incidentId, String commander, Instant meetingStart, Instant meetingEnd, int sequence,
      String markdown, String html, Instant completedAt) {}

  private final JdbcClient jdbc;

  ReviewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Review> find(String incidentId) {
    return jdbc.sql("SELECT * FROM incident_review WHERE incident_id = :incident").param("incident", incidentId)
        .query((rs, row) -> new Review(rs.getString("incident_id"), rs.getString("commander"),
            instant(rs.getTimestamp("meeting_start")), instant(rs.getTimestamp("meeting_end")), rs.getInt("sequence"),
            rs.getString("document_md"), rs.getString("document_html"), instant(rs.getTimestamp("completed_at"))))
        .optional();
  }

  /**
   * Records the meeting to invite to: the first time with SEQUENCE 0, then one more for each reschedule (a
   * retried job rolled its first try back, so it counts once).
   *
   * @return the sequence to send
   */
  int schedule(String incidentId, String commander, Instant start, Instant end) {
    Optional<Review> existing = find(incidentId);
    if (existing.isEmpty()) {
      jdbc.sql("""
              INSERT INTO incident_review (incident_id, commander, meeting_start, meeting_end, sequence)
              VALUES (:incident, :commander, :start, :end, 0)""")
          .param("incident", incidentId).param("commander", commander).param("start", Timestamp.from(start))
          .param("end", Timestamp.from(end)).update();
      return 0;
    }
    Review review = existing.get();
    jdbc.sql("""
            UPDATE incident_review SET commander = :commander, meeting_start = :start, meeting_end = :end,
                sequence = sequence + 1
            WHERE incident_id = :incident""")
        .param("incident", incidentId).param("commander", commander).param("start", Timestamp.from(start))
        .param("end", Timestamp.from(end)).update();
    return review.sequence() + 1;
  }

  void saveDocument(String incidentId, String markdown, String html, Instant at) {
    int updated = jdbc.sql("""
            UPDATE incident_review SET document_md = :md, document_html = :html, completed_at = :at
            WHERE incident_id = :incident""")
        .param("md", markdown).param("html", html).param("at", Timestamp.from(at)).param("incident", incidentId)
        .update();
    if (updated == 0) {
      jdbc.sql("""
              INSERT INTO incident_review (incident_id, sequence, document_md, document_html, completed_at)
              VALUES (:incident, 0, :md, :html, :at)""")
          .param("md", markdown).param("html", html).param("at", Timestamp.from(at)).param("incident", incidentId)
          .update();
    }
  }

  private static Instant instant(Timestamp value) {
    return value == null ? null : value.toInstant();
  }
}
