package io.incidentflow.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The public record of what customers were told (table {@code public_update}), one row per incident and notice. */
@Repository
class PublicUpdates {

  static final int MAX_TEXT = 4000;

  private final JdbcClient jdbc;

  PublicUpdates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the update once: a notice sent again (a retried job) keeps its first text and time. */
  void record(String incidentId, String noticeKey, String text, Instant at) {
    String bounded = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    jdbc.sql("""
            INSERT INTO public_update (incident_id, notice_key, text, published_at)
            SELECT :incident, :key, :text, :at
            WHERE NOT EXISTS (SELECT 1 FROM public_update WHERE incident_id = :incident AND notice_key = :key)""")
        .param("incident", incidentId).param("key", noticeKey).param("text", bounded).param("at", Timestamp.from(at))
        .update();
  }

  /** Oldest first. */
  List<PublicUpdate> of(Collection<String> incidentIds) {
    if (incidentIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT incident_id, notice_key, text, published_at FROM public_update
            WHERE incident_id IN (:ids) ORDER BY published_at, id""")
        .param("ids", incidentIds)
        .query((rs, n) -> new PublicUpdate(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant()))
        .list();
  }
}
