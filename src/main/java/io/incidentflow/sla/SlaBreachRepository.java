package io.incidentflow.sla;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SlaBreachRepository {

  private final JdbcClient jdbc;

  public SlaBreachRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(SlaBreach breach) {
    jdbc.sql("""
            INSERT INTO sla_breach (incident_id, task_key, task_name, target, started_at, breached_at)
            VALUES (:incident, :taskKey, :taskName, :target, :startedAt, :breachedAt)""")
        .param("incident", breach.incidentId())
        .param("taskKey", breach.taskKey())
        .param("taskName", breach.taskName())
        .param("target", breach.target())
        .param("startedAt", Timestamp.from(breach.startedAt()))
        .param("breachedAt", Timestamp.from(breach.breachedAt()))
        .update();
  }

  public List<SlaBreach> findByIncident(String incidentId) {
    return jdbc.sql("SELECT * FROM sla_breach WHERE incident_id = :incident ORDER BY breached_at, id")
        .param("incident", incidentId)
        .query((rs, row) -> new SlaBreach(rs.getLong("id"), rs.getString("incident_id"), rs.getString("task_key"),
            rs.getString("task_name"), rs.getString("target"), rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("breached_at").toInstant()))
        .list();
  }
}
