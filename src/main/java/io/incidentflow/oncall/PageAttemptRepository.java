package io.incidentflow.oncall;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The page log: every attempt, kept with the incident. */
@Repository
public class PageAttemptRepository {

  private final JdbcClient jdbc;

  public PageAttemptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(PageAttempt attempt) {
    jdbc.sql("""
        INSERT INTO page_attempt (incident_id, round_no, level_no, target, user_id, channel, outcome, detail, attempted_at)
        VALUES (:incident, :round, :level, :target, :user, :channel, :outcome, :detail, :at)""")
        .param("incident", attempt.incidentId()).param("round", attempt.round()).param("level", attempt.level())
        .param("target", attempt.target()).param("user", attempt.userId()).param("channel", attempt.channel())
        .param("outcome", attempt.outcome().name())
        .param("detail", attempt.detail() == null ? null : abbreviate(attempt.detail()))
        .param("at", Timestamp.from(attempt.at())).update();
  }

  public List<PageAttempt> of(String incidentId) {
    return jdbc.sql("SELECT * FROM page_attempt WHERE incident_id = :incident ORDER BY attempted_at, id")
        .param("incident", incidentId)
        .query((rs, row) -> new PageAttempt(rs.getString("incident_id"), rs.getInt("round_no"), rs.getInt("level_no"),
            rs.getString("target"), rs.getString("user_id"), rs.getString("channel"),
            PageAttempt.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"),
            rs.getTimestamp("attempted_at").toInstant()))
        .list();
  }

  private static String abbreviate(String detail) {
    return detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
  }
}
