package io.incidentflow.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Table {@code sla_clock} (V14): one row per clock started; the rows stay after the incident for reports. */
@Repository
public class SlaClockRepository {

  private final JdbcClient jdbc;

  public SlaClockRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The clock of that name still running (or paused) for the incident, if any. */
  public Optional<SlaClock> findOpen(String incidentId, String clock) {
    return jdbc.sql("SELECT * FROM sla_clock WHERE incident_id = :incident AND clock = :clock AND stopped_at IS NULL")
        .param("incident", incidentId).param("clock", clock)
        .query(SlaClockRepository::map).optional();
  }

  public Optional<SlaClock> find(long id) {
    return jdbc.sql("SELECT * FROM sla_clock WHERE id = :id").param("id", id).query(SlaClockRepository::map).optional();
  }

  public List<SlaClock> findByIncident(String incidentId) {
    return jdbc.sql("SELECT * FROM sla_clock WHERE incident_id = :incident ORDER BY started_at, id")
        .param("incident", incidentId).query(SlaClockRepository::map).list();
  }

  public long insert(String incidentId, String clock, String target, String calendar, String climbAfter,
      Instant startedAt, Instant dueAt, Instant warnAt) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO sla_clock (incident_id, clock, target, calendar, climb_after, started_at, due_at, warn_at,
                paused_seconds, watched)
            VALUES (:incident, :clock, :target, :calendar, :climbAfter, :startedAt, :dueAt, :warnAt, 0, FALSE)""")
        .param("incident", incidentId).param("clock", clock).param("target", target).param("calendar", calendar)
        .param("climbAfter", climbAfter).param("startedAt", ts(startedAt)).param("dueAt", ts(dueAt))
        .param("warnAt", ts(warnAt))
        .update(key, "id");
    return key.getKey().longValue();
  }

  public void stop(long id, Instant at) {
    jdbc.sql("UPDATE sla_clock SET stopped_at = :at WHERE id = :id AND stopped_at IS NULL")
        .param("at", ts(at)).param("id", id).update();
  }

  public void pause(long id, Instant at) {
    jdbc.sql("UPDATE sla_clock SET paused_at = :at WHERE id = :id AND paused_at IS NULL AND stopped_at IS NULL")
        .param("at", ts(at)).param("id", id).update();
  }

  /** Ends a pause: the working time paused is added up, the reminder point and target move by it. */
  public void resume(long id, Duration pausedBusinessTime, Instant warnAt, Instant dueAt) {
    jdbc.sql("""
            UPDATE sla_clock SET paused_at = NULL, paused_seconds = :paused, warn_at = :warnAt, due_at = :dueAt
            WHERE id = :id AND paused_at IS NOT NULL""")
        .param("paused", pausedBusinessTime.toSeconds()).param("warnAt", ts(warnAt)).param("dueAt", ts(dueAt))
        .param("id", id).update();
  }

  /** @return false when the clock was already marked watched (its escalation runs) */
  public boolean markWatched(long id) {
    return jdbc.sql("UPDATE sla_clock SET watched = TRUE WHERE id = :id AND watched = FALSE").param("id", id).update() == 1;
  }

  /** @return false when already warned: the reminder is sent once */
  public boolean markWarned(long id, Instant at) {
    return jdbc.sql("UPDATE sla_clock SET warned_at = :at WHERE id = :id AND warned_at IS NULL")
        .param("at", ts(at)).param("id", id).update() == 1;
  }

  /** @return false when the breach was escalated already */
  public boolean markBreached(long id, Instant at, Instant climbAt) {
    return jdbc.sql("UPDATE sla_clock SET breached_at = :at, climb_at = :climbAt WHERE id = :id AND breached_at IS NULL")
        .param("at", ts(at)).param("climbAt", ts(climbAt)).param("id", id).update() == 1;
  }

  /** @return false when the managers were told already */
  public boolean markClimbed(long id, Instant at) {
    return jdbc.sql("UPDATE sla_clock SET climbed_at = :at WHERE id = :id AND climbed_at IS NULL")
        .param("at", ts(at)).param("id", id).update() == 1;
  }

  private static SlaClock map(ResultSet rs, int row) throws SQLException {
    return new SlaClock(rs.getLong("id"), rs.getString("incident_id"), rs.getString("clock"), rs.getString("target"),
        rs.getString("calendar"), rs.getString("climb_after"), instant(rs, "started_at"), instant(rs, "due_at"),
        instant(rs, "warn_at"), instant(rs, "paused_at"), Duration.ofSeconds(rs.getLong("paused_seconds")),
        instant(rs, "warned_at"), instant(rs, "breached_at"), instant(rs, "climb_at"), instant(rs, "climbed_at"),
        instant(rs, "stopped_at"), rs.getBoolean("watched"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
