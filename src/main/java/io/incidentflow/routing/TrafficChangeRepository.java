package io.incidentflow.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What reroutes changed on load balancers ({@code traffic_change}). The state before a change is committed
 * in a transaction of its own before the load balancer is touched: a failing, retried job must find the
 * original state, not the one its first attempt left behind.
 */
@Repository
public class TrafficChangeRepository {

  private static final String ACTIVE_OF_INCIDENT = "SELECT * FROM traffic_change WHERE incident_id = :incident "
      + "AND service_id = :service AND restored_at IS NULL ORDER BY id";

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  public TrafficChangeRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public void recordBeforeChanging(List<TrafficChange> changes) {
    ownTransaction.executeWithoutResult(status -> changes.forEach(change -> jdbc.sql("""
            INSERT INTO traffic_change (incident_id, service_id, address, backend, server, state_before, state_after, changed_at)
            VALUES (:incident, :service, :address, :backend, :server, :before, :after, :at)""")
        .param("incident", change.incidentId())
        .param("service", change.serviceId())
        .param("address", change.address())
        .param("backend", change.backend())
        .param("server", change.server())
        .param("before", change.stateBefore())
        .param("after", change.stateAfter())
        .param("at", Timestamp.from(change.changedAt()))
        .update()));
  }

  /** Changes of the incident not put back yet. */
  public List<TrafficChange> active(String incidentId, String serviceId) {
    return jdbc.sql(ACTIVE_OF_INCIDENT).param("incident", incidentId).param("service", serviceId)
        .query(TrafficChangeRepository::map).list();
  }

  /**
   * The incident's changes not put back yet, locked until the caller's transaction ends: fail-back holds them
   * while it restores HAProxy, so that {@link RerouteKeeper} cannot set a change again that is being undone.
   */
  public List<TrafficChange> activeLocked(String incidentId, String serviceId) {
    return jdbc.sql(ACTIVE_OF_INCIDENT + " FOR UPDATE").param("incident", incidentId).param("service", serviceId)
        .query(TrafficChangeRepository::map).list();
  }

  /** The change if it is still in force, locked until the caller's transaction ends; empty once restored. */
  public Optional<TrafficChange> lockIfActive(long id) {
    return jdbc.sql("SELECT * FROM traffic_change WHERE id = :id AND restored_at IS NULL FOR UPDATE")
        .param("id", id).query(TrafficChangeRepository::map).optional();
  }

  public List<TrafficChange> ofIncident(String incidentId) {
    return jdbc.sql("SELECT * FROM traffic_change WHERE incident_id = :incident ORDER BY id")
        .param("incident", incidentId).query(TrafficChangeRepository::map).list();
  }

  /** Every change still in force, across incidents: what HAProxy must keep after a reload. */
  public List<TrafficChange> allActive() {
    return jdbc.sql("SELECT * FROM traffic_change WHERE restored_at IS NULL ORDER BY id")
        .query(TrafficChangeRepository::map).list();
  }

  public void markRestored(long id, Instant at) {
    jdbc.sql("UPDATE traffic_change SET restored_at = :at WHERE id = :id").param("at", Timestamp.from(at)).param("id", id).update();
  }

  public void markReapplied(long id, Instant at) {
    jdbc.sql("UPDATE traffic_change SET reapplied_count = reapplied_count + 1, last_reapplied_at = :at WHERE id = :id")
        .param("at", Timestamp.from(at)).param("id", id).update();
  }

  private static TrafficChange map(ResultSet rs, int row) throws SQLException {
    Timestamp restored = rs.getTimestamp("restored_at");
    return new TrafficChange(rs.getLong("id"), rs.getString("incident_id"), rs.getString("service_id"),
        rs.getString("address"), rs.getString("backend"), rs.getString("server"), rs.getString("state_before"),
        rs.getString("state_after"), rs.getTimestamp("changed_at").toInstant(),
        restored == null ? null : restored.toInstant(), rs.getInt("reapplied_count"));
  }
}
