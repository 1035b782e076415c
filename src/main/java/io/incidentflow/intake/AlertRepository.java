package io.incidentflow.intake;

import io.incidentflow.platform.Databases;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every alert received ({@code alert}), and which dedup key belongs to which open incident
 * ({@code open_alert}: its primary key makes a second incident for one key impossible, across nodes).
 */
@Repository
public class AlertRepository {

  /** A dedup key that belongs to an open incident. */
  public record OpenAlert(String dedupKey, String incidentId, String serviceId, String summary, Instant resolvedAt) {}

  /** Alert activity of one incident: all alerts, and the newest. */
  public record Activity(String incidentId, long count, Instant lastSeenAt) {}

  /** The alert that opened an incident, as the incident's process needs it. */
  public record Opening(AlertSource source, String dedupKey, String serviceId, String severity, String summary,
      String description, boolean customerImpact) {}

  /** One key of an incident with its own count, for the readable list on the incident. */
  public record KeyActivity(String dedupKey, String summary, boolean resolved, long count, Instant lastSeenAt) {}

  /** One alert as received for an incident, for its timeline. */
  public record Received(Instant receivedAt, AlertSource source, AlertStatus status, String summary, String outcome) {}

  /** A repeat of a firing alert, as received. */
  public record Repeat(Alert alert, Instant receivedAt) {}

  /** The columns of an alert's row that come from the request, in the order of {@link #received}. */
  private static final String RECEIVED_COLUMNS =
      "source, dedup_key, status, service_id, severity, summary, description, customer_impact, payload, received_at";
  /**
   * One row of the statement's VALUES list, typed: a VALUES list gives the database no column to infer the
   * parameters from. Casts without a length, so that a value too long for its column fails as in store(), instead
   * of being cut.
   */
  private static final String REPEAT_ROW = "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), "
      + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TEXT), CAST(? AS BOOLEAN), "
      + "CAST(? AS TEXT), CAST(? AS TIMESTAMP WITH TIME ZONE), %d)";

  private final JdbcClient jdbc;
  private final boolean postgres;
  private final TransactionTemplate savepoint;
  private final TransactionTemplate transaction;
  private final Map<Integer, String> repeatStatements = new ConcurrentHashMap<>();

  public AlertRepository(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.postgres = Databases.isPostgres(dataSource);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.transaction = new TransactionTemplate(transactions);
  }

  public void store(Alert alert, Instant receivedAt, AlertOutcome outcome) {
    List<Object> values = new ArrayList<>(12);
    received(alert, receivedAt, values);
    values.add(text(outcome.incidentId()));
    values.add(text(outcome.outcome().name()));
    jdbc.sql("INSERT INTO alert (" + RECEIVED_COLUMNS + ", incident_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?)").params(values).update();
  }

  /**
   * Stores repeats of problems that still fire, all in one statement: a repeat's row goes in, as correlated with
   * the incident that holds its key, only if an open incident holds it and its alerts have not recovered. Returns
   * those keys with their incident; a key missing from the answer stored nothing (a free key, or one that fired
   * again after a recovery), and its repeats take the full path. Read and insert are one statement, so a key
   * released meanwhile (the incident resolved) is either seen held or seen free, as by the full path's lookup, and
   * the same key twice in one statement is seen the same way twice.
   */
  public Map<String, String> storeRepeats(List<Repeat> repeats) {
    List<Object> values = new ArrayList<>(repeats.size() * 10);
    repeats.forEach(repeat -> received(repeat.alert(), repeat.receivedAt(), values));
    String sql = repeatStatements.computeIfAbsent(repeats.size(), this::repeatStatement);
    Map<String, String> stored = new HashMap<>();
    Runnable insert = () -> jdbc.sql(sql).params(values).query(rs -> { stored.put(rs.getString(1), rs.getString(2)); });
    if (postgres) {
      insert.run();
    } else {
      // H2 does not undo the rows a final-table query inserted before it failed: only a transaction around it does.
      transaction.executeWithoutResult(status -> insert.run());
    }
    return stored;
  }

  /** The statement for that many repeats, in this database's dialect: built once per size, not per group. */
  private String repeatStatement(int repeats) {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < repeats; i++) {
      rows.append(i == 0 ? "" : ", ").append(REPEAT_ROW.formatted(i));
    }
    String insert = """
        INSERT INTO alert (%s, incident_id, outcome)
        SELECT r.source, o.dedup_key, r.status, r.service_id, r.severity, r.summary, r.description,
               r.customer_impact, r.payload, r.received_at, o.incident_id, 'CORRELATED'
        FROM (VALUES %s) AS r (%s, arrival)
        JOIN open_alert o ON o.dedup_key = r.dedup_key AND o.resolved_at IS NULL
        ORDER BY r.arrival""".formatted(RECEIVED_COLUMNS, rows, RECEIVED_COLUMNS);
    // PostgreSQL returns the inserted rows' columns; H2 reads them from the statement's final table.
    return postgres ? insert + " RETURNING dedup_key, incident_id"
        : "SELECT dedup_key, incident_id FROM FINAL TABLE (" + insert + ")";
  }

  /** An alert's columns as received, typed so that a null is bound without asking the database for its type. */
  private static void received(Alert alert, Instant receivedAt, List<Object> values) {
    values.add(text(alert.source().name()));
    values.add(text(alert.dedupKey()));
    values.add(text(alert.status().name()));
    values.add(text(alert.serviceId()));
    values.add(text(alert.severity()));
    values.add(text(alert.summary()));
    values.add(text(alert.description()));
    values.add(new SqlParameterValue(Types.BOOLEAN, alert.customerImpact()));
    values.add(text(alert.payload()));
    values.add(Timestamp.from(receivedAt));
  }

  private static SqlParameterValue text(String value) {
    return new SqlParameterValue(Types.VARCHAR, value);
  }

  /** The first alert stored as having opened the incident; empty for an incident that was not opened by one. */
  public Optional<Opening> openingOf(String incidentId) {
    return jdbc.sql("""
            SELECT source, dedup_key, service_id, severity, summary, description, customer_impact FROM alert
            WHERE incident_id = :incident AND outcome = 'OPENED' ORDER BY id FETCH FIRST 1 ROWS ONLY""")
        .param("incident", incidentId)
        .query((rs, row) -> new Opening(AlertSource.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)))
        .optional();
  }

  public Optional<OpenAlert> findOpen(String dedupKey) {
    return jdbc.sql("SELECT dedup_key, incident_id, service_id, summary, resolved_at FROM open_alert WHERE dedup_key = :key")
        .param("key", dedupKey)
        .query((rs, row) -> new OpenAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            instant(rs.getTimestamp(5))))
        .optional();
  }

  /**
   * Claims the key for the incident: true when this call took it, false when the key is held already (by
   * another node or thread a moment ago). The primary key decides, not a lookup before. On PostgreSQL a unique
   * violation would abort the whole transaction, so it asks to do nothing on conflict; elsewhere (H2) the
   * insert runs under a savepoint.
   */
  public boolean claim(Alert alert, String incidentId, Instant openedAt) {
    String insert = """
        INSERT INTO open_alert (dedup_key, incident_id, source, service_id, group_key, summary, opened_at)
        VALUES (:key, :incident, :source, :service, :group, :summary, :openedAt)""";
    if (postgres) {
      return bind(jdbc.sql(insert + " ON CONFLICT (dedup_key) DO NOTHING"), alert, incidentId, openedAt).update() == 1;
    }
    try {
      savepoint.executeWithoutResult(status -> bind(jdbc.sql(insert), alert, incidentId, openedAt).update());
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Alert alert, String incidentId,
      Instant openedAt) {
    return statement
        .param("key", alert.dedupKey())
        .param("incident", incidentId)
        .param("source", alert.source().name())
        .param("service", alert.serviceId())
        .param("group", alert.groupKey())
        .param("summary", alert.summary())
        .param("openedAt", Timestamp.from(openedAt));
  }

  /** An incident opened for another alert of the same Alertmanager group and service, recently enough to join. */
  public Optional<String> findGroupIncident(String groupKey, String serviceId, Instant openedAfter) {
    return jdbc.sql("""
            SELECT incident_id FROM open_alert
            WHERE group_key = :group AND service_id = :service AND opened_at >= :after
            ORDER BY opened_at LIMIT 1""")
        .param("group", groupKey)
        .param("service", serviceId)
        .param("after", Timestamp.from(openedAfter))
        .query(String.class)
        .optional();
  }

  public void markResolved(String dedupKey, Instant at) {
    jdbc.sql("UPDATE open_alert SET resolved_at = :at WHERE dedup_key = :key")
        .param("at", Timestamp.from(at)).param("key", dedupKey).update();
  }

  public void markFiring(String dedupKey) {
    jdbc.sql("UPDATE open_alert SET resolved_at = NULL WHERE dedup_key = :key AND resolved_at IS NOT NULL")
        .param("key", dedupKey).update();
  }

  public boolean allResolved(String incidentId) {
    return jdbc.sql("SELECT COUNT(*) FROM open_alert WHERE incident_id = :incident AND resolved_at IS NULL")
        .param("incident", incidentId).query(Long.class).single() == 0;
  }

  /** Frees the incident's keys: the next alert with one of them opens a new incident. */
  public int release(String incidentId) {
    return jdbc.sql("DELETE FROM open_alert WHERE incident_id = :incident").param("incident", incidentId).update();
  }

  /** Incidents that received an alert at or after the instant, with their totals. */
  public List<Activity> activitySince(Instant since) {
    return jdbc.sql("""
            SELECT incident_id, COUNT(*), MAX(received_at) FROM alert
            WHERE incident_id IN (SELECT DISTINCT incident_id FROM alert WHERE received_at >= :since)
            GROUP BY incident_id""")
        .param("since", Timestamp.from(since))
        .query((rs, row) -> new Activity(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
        .list();
  }

  /** Every alert the incident received, oldest first. */
  public List<Received> receivedFor(String incidentId) {
    return jdbc.sql("SELECT received_at, source, status, summary, outcome FROM alert WHERE incident_id = :incident "
            + "ORDER BY received_at, id")
        .param("incident", incidentId)
        .query((rs, row) -> new Received(rs.getTimestamp(1).toInstant(), AlertSource.valueOf(rs.getString(2)),
            AlertStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5)))
        .list();
  }

  public List<KeyActivity> keysOf(String incidentId) {
    return jdbc.sql("""
            SELECT o.dedup_key, o.summary, o.resolved_at, COUNT(a.id), MAX(a.received_at)
            FROM open_alert o LEFT JOIN alert a ON a.dedup_key = o.dedup_key AND a.incident_id = o.incident_id
            WHERE o.incident_id = :incident
            GROUP BY o.dedup_key, o.summary, o.resolved_at, o.opened_at
            ORDER BY o.opened_at""")
        .param("incident", incidentId)
        .query((rs, row) -> new KeyActivity(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null,
            rs.getLong(4), instant(rs.getTimestamp(5))))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
