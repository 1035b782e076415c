package io.incidentflow.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** IncidentFlow's incident table. Runs inside the engine's transaction when called from a delegate. */
@Repository
public class IncidentRepository {

  private final JdbcClient jdbc;

  public IncidentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Incident incident) {
    jdbc.sql("""
            INSERT INTO incident (id, process_instance_id, service_id, title, description, severity, status,
                                  customer_impact, reported_by, opened_at)
            VALUES (:id, :processInstanceId, :serviceId, :title, :description, :severity, :status,
                    :customerImpact, :reportedBy, :openedAt)""")
        .param("id", incident.id())
        .param("processInstanceId", incident.processInstanceId())
        .param("serviceId", incident.serviceId())
        .param("title", incident.title())
        .param("description", incident.description())
        .param("severity", incident.severity())
        .param("status", incident.status().name())
        .param("customerImpact", incident.customerImpact())
        .param("reportedBy", incident.reportedBy())
        .param("openedAt", Timestamp.from(incident.openedAt()))
        .update();
  }

  public Optional<Incident> findById(String id) {
    return jdbc.sql("SELECT * FROM incident WHERE id = :id").param("id", id).query(IncidentRepository::map).optional();
  }

  /** Customer-facing incidents, open or resolved since the given time, newest first. */
  public List<Incident> publicOpenOrResolvedSince(Instant since) {
    return jdbc.sql("""
            SELECT * FROM incident WHERE public_title IS NOT NULL AND (status = 'OPEN' OR resolved_at >= :since)
            ORDER BY opened_at DESC""")
        .param("since", Timestamp.from(since)).query(IncidentRepository::map).list();
  }

  public void updatePublicTitle(String id, String publicTitle) {
    update(jdbc.sql("UPDATE incident SET public_title = :title WHERE id = :id")
        .param("title", publicTitle).param("id", id).update(), id);
  }

  public void updateSeverity(String id, String severity) {
    update(jdbc.sql("UPDATE incident SET severity = :severity WHERE id = :id")
        .param("severity", severity).param("id", id).update(), id);
  }

  public void markResolved(String id, Instant at) {
    update(jdbc.sql("UPDATE incident SET status = :status, resolved_at = COALESCE(resolved_at, :at) WHERE id = :id")
        .param("status", IncidentStatus.RESOLVED.name()).param("at", Timestamp.from(at)).param("id", id).update(), id);
  }

  /** The first acknowledgement only; false when the incident has no row (an instance started past registration). */
  public boolean markAcknowledged(String id, Instant at) {
    return jdbc.sql("UPDATE incident SET acknowledged_at = COALESCE(acknowledged_at, :at) WHERE id = :id")
        .param("at", Timestamp.from(at)).param("id", id).update() == 1;
  }

  /** The first fallback applied (rerouted or worked around) only; false as {@link #markAcknowledged}. */
  public boolean markFallbackApplied(String id, Instant at) {
    return jdbc.sql("UPDATE incident SET fallback_at = COALESCE(fallback_at, :at) WHERE id = :id")
        .param("at", Timestamp.from(at)).param("id", id).update() == 1;
  }

  public void markClosed(String id, Instant at) {
    update(jdbc.sql("UPDATE incident SET status = :status, closed_at = COALESCE(closed_at, :at) WHERE id = :id")
        .param("status", IncidentStatus.CLOSED.name()).param("at", Timestamp.from(at)).param("id", id).update(), id);
  }

  private static void update(int rows, String id) {
    if (rows != 1) {
      throw new IllegalStateException("Incident " + id + " is not in the incident table");
    }
  }

  private static Incident map(ResultSet rs, int row) throws SQLException {
    return new Incident(
        rs.getString("id"),
        rs.getString("process_instance_id"),
        rs.getString("service_id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("severity"),
        IncidentStatus.valueOf(rs.getString("status")),
        rs.getBoolean("customer_impact"),
        rs.getString("reported_by"),
        instant(rs.getTimestamp("opened_at")),
        instant(rs.getTimestamp("resolved_at")),
        instant(rs.getTimestamp("closed_at")),
        rs.getString("public_title"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
