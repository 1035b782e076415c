package io.incidentflow.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The report's two queries, for PostgreSQL and H2 alike: one row per incident opened in the period (its times,
 * the first acknowledgement and fallback included, all from the incident's own row: no history lookup, and
 * nothing lost when the history is cleaned up), streamed and never held as a list; and the SLA clocks counted per
 * service, severity and step in the database.
 */
@Repository
class IncidentReportQueries {

  private final JdbcClient jdbc;

  IncidentReportQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Calls {@code each} for every incident of the filter, one row at a time. */
  void eachIncident(ReportFilter filter, Consumer<IncidentTimes> each) {
    String sql = """
        SELECT i.service_id, i.severity, i.opened_at, i.acknowledged_at, i.fallback_at, i.resolved_at
        FROM incident i
        WHERE""" + where(filter);
    params(jdbc.sql(sql), filter).query((ResultSet rs) -> {
      each.accept(new IncidentTimes(rs.getString("service_id"), rs.getString("severity"), instant(rs, "opened_at"),
          instant(rs, "acknowledged_at"), instant(rs, "fallback_at"), instant(rs, "resolved_at")));
    });
  }

  record SlaCount(String service, String severity, String clock, long met, long breached, long clocks) {}

  /** The SLA clocks of the filter's incidents per service, severity and step, as {@code SlaClock.state} sees them. */
  List<SlaCount> slaCounts(ReportFilter filter, Instant now) {
    String sql = """
        SELECT i.service_id, i.severity, c.clock,
            SUM(CASE WHEN c.stopped_at IS NOT NULL AND c.stopped_at <= c.due_at AND c.breached_at IS NULL
                THEN 1 ELSE 0 END) AS met,
            SUM(CASE WHEN c.breached_at IS NOT NULL OR c.stopped_at > c.due_at
                  OR (c.stopped_at IS NULL AND c.paused_at IS NULL AND c.due_at <= :now)
                THEN 1 ELSE 0 END) AS breached,
            COUNT(*) AS clocks
        FROM sla_clock c JOIN incident i ON i.id = c.incident_id
        WHERE""" + where(filter) + " GROUP BY i.service_id, i.severity, c.clock";
    return params(jdbc.sql(sql), filter).param("now", Timestamp.from(now))
        .query((rs, row) -> new SlaCount(rs.getString("service_id"), rs.getString("severity"), rs.getString("clock"),
            rs.getLong("met"), rs.getLong("breached"), rs.getLong("clocks")))
        .list();
  }

  record ActionItemCount(String service, String severity, long total, long open, long overdue, long closedLate) {}

  /** The action items of the filter's incidents per service and severity (table action_item, the reviews'). */
  List<ActionItemCount> actionItemCounts(ReportFilter filter, Instant now) {
    String sql = """
        SELECT i.service_id, i.severity, COUNT(*) AS total,
            SUM(CASE WHEN a.status = 'open' THEN 1 ELSE 0 END) AS open_items,
            SUM(CASE WHEN a.status = 'open' AND a.due_at < :now THEN 1 ELSE 0 END) AS overdue,
            SUM(CASE WHEN a.closed_at > a.due_at THEN 1 ELSE 0 END) AS closed_late
        FROM action_item a JOIN incident i ON i.id = a.incident_id
        WHERE""" + where(filter) + " GROUP BY i.service_id, i.severity";
    return params(jdbc.sql(sql), filter).param("now", Timestamp.from(now))
        .query((rs, row) -> new ActionItemCount(rs.getString("service_id"), rs.getString("severity"),
            rs.getLong("total"), rs.getLong("open_items"), rs.getLong("overdue"), rs.getLong("closed_late")))
        .list();
  }

  private static String where(ReportFilter filter) {
    return " i.opened_at >= :from AND i.opened_at < :to"
        + (filter.service() == null ? "" : " AND i.service_id = :service")
        + (filter.severity() == null ? "" : " AND i.severity = :severity");
  }

  private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, ReportFilter filter) {
    spec = spec.param("from", Timestamp.from(filter.from())).param("to", Timestamp.from(filter.to()));
    if (filter.service() != null) {
      spec = spec.param("service", filter.service());
    }
    if (filter.severity() != null) {
      spec = spec.param("severity", filter.severity());
    }
    return spec;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
