package io.incidentflow.notify;

import io.incidentflow.config.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of customer notices, and of mails to staff (pages, SLA escalations). Enqueuing inserts in the
 * caller's transaction; the unique keys make a notice impossible to enqueue twice for a recipient. Senders claim due deliveries with a lease,
 * so that several nodes share the work and a dead node's claims come back.
 */
@Repository
public class NoticeOutbox {

  private static final String SELECT = """
      SELECT d.id, n.incident_id, n.notice_key, n.template, n.subject, n.model, d.customer_id, d.email,
             d.recipient_name, d.status, d.attempts, d.last_error, d.sent_at
      FROM notice_delivery d JOIN notice n ON n.id = d.notice_id""";

  /** Periodic status updates ({@code update-1}, ...): the ones a customer can opt out of. */
  static final String PERIODIC_PREFIX = "update";
  /** Deliveries to staff name the user so; customer ids never hold a '+'. */
  static final String STAFF_PREFIX = "staff+";

  private final JdbcClient jdbc;
  private final String skipLocked;

  public NoticeOutbox(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.skipLocked = Databases.isPostgres(dataSource) ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /** @return how many deliveries this call added (0 when the notice was enqueued before) */
  public int enqueue(String incidentId, String noticeKey, String template, String subject, String model,
      Collection<String> serviceIds, Instant now) {
    long noticeId = notice(incidentId, noticeKey, template, subject, model, now);
    if (serviceIds.isEmpty()) {
      return 0;
    }
    return jdbc.sql("""
            INSERT INTO notice_delivery (notice_id, customer_id, email, recipient_name, status, next_attempt_at)
            SELECT :notice, c.id, c.email, c.name, 'PENDING', :now FROM customer c
            WHERE c.id IN (SELECT s.customer_id FROM customer_subscription s WHERE s.service_id IN (:services))
              AND (c.updates_opt_out = FALSE OR :periodic = FALSE)
              AND NOT EXISTS (SELECT 1 FROM notice_delivery d WHERE d.notice_id = :notice AND d.customer_id = c.id)""")
        .param("notice", noticeId).param("now", Timestamp.from(now)).param("services", serviceIds)
        .param("periodic", noticeKey.startsWith(PERIODIC_PREFIX))
        .update();
  }

  /**
   * Puts a mail to staff (a page, an SLA escalation) in the outbox, once per staff member and key.
   *
   * @return how many deliveries this call added
   */
  public int enqueueToStaff(String incidentId, String mailKey, String template, String subject, String model,
      List<StaffMember> members, Instant now) {
    long noticeId = notice(incidentId, mailKey, template, subject, model, now);
    int added = 0;
    for (StaffMember member : members) {
      added += jdbc.sql("""
              INSERT INTO notice_delivery (notice_id, customer_id, email, recipient_name, status, next_attempt_at)
              SELECT :notice, :recipient, :email, :name, 'PENDING', :now
              WHERE NOT EXISTS (SELECT 1 FROM notice_delivery d WHERE d.notice_id = :notice AND d.customer_id = :recipient)""")
          .param("notice", noticeId).param("recipient", STAFF_PREFIX + member.userId()).param("email", member.email())
          .param("name", member.name()).param("now", Timestamp.from(now))
          .update();
    }
    return added;
  }

  /** The notice's id; inserted unless the incident has one with that key already. */
  private long notice(String incidentId, String noticeKey, String template, String subject, String model,
      Instant now) {
    jdbc.sql("""
            INSERT INTO notice (incident_id, notice_key, template, subject, model, created_at)
            SELECT :incident, :key, :template, :subject, :model, :now
            WHERE NOT EXISTS (SELECT 1 FROM notice WHERE incident_id = :incident AND notice_key = :key)""")
        .param("incident", incidentId).param("key", noticeKey).param("template", template)
        .param("subject", subject).param("model", model).param("now", Timestamp.from(now))
        .update();
    return jdbc.sql("SELECT id FROM notice WHERE incident_id = :incident AND notice_key = :key")
        .param("incident", incidentId).param("key", noticeKey).query(Long.class).single();
  }

  /**
   * Claims up to {@code limit} due deliveries for {@code sender} until {@code leaseUntil}. A delivery whose
   * lease ran out (its sender died) is due again.
   */
  public List<NoticeDelivery> claim(String sender, int limit, Instant now, Instant leaseUntil) {
    List<Long> ids = jdbc.sql("SELECT id FROM notice_delivery WHERE (status = 'PENDING' AND next_attempt_at <= :now) "
            + "OR (status = 'SENDING' AND lease_until < :now) ORDER BY id LIMIT " + limit + skipLocked)
        .param("now", Timestamp.from(now)).query(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    // The status check makes a claim by another sender in between win: that row is not taken twice.
    jdbc.sql("""
            UPDATE notice_delivery SET status = 'SENDING', claimed_by = :sender, lease_until = :lease
            WHERE id IN (:ids) AND ((status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND lease_until < :now))""")
        .param("sender", sender).param("lease", Timestamp.from(leaseUntil)).param("ids", ids)
        .param("now", Timestamp.from(now)).update();
    return jdbc.sql(SELECT + " WHERE d.claimed_by = :sender AND d.status = 'SENDING' AND d.id IN (:ids) ORDER BY d.id")
        .param("sender", sender).param("ids", ids).query(NoticeOutbox::map).list();
  }

  /** Marks several mails sent in one round trip. */
  public void markSent(List<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE notice_delivery SET status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = NULL, "
            + "claimed_by = NULL, lease_until = NULL WHERE id IN (:ids)")
        .param("at", Timestamp.from(at)).param("ids", ids).update();
  }

  public void markRetry(long id, Instant nextAttempt, String error) {
    jdbc.sql("UPDATE notice_delivery SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = :next, "
            + "last_error = :error, claimed_by = NULL, lease_until = NULL WHERE id = :id")
        .param("next", Timestamp.from(nextAttempt)).param("error", limit(error)).param("id", id).update();
  }

  public void markFailed(long id, String error) {
    jdbc.sql("UPDATE notice_delivery SET status = 'FAILED', attempts = attempts + 1, last_error = :error, "
            + "claimed_by = NULL, lease_until = NULL WHERE id = :id")
        .param("error", limit(error)).param("id", id).update();
  }

  /** Gives a claim back untouched (the batch stopped before this delivery). */
  public void release(long id) {
    jdbc.sql("UPDATE notice_delivery SET status = 'PENDING', claimed_by = NULL, lease_until = NULL "
            + "WHERE id = :id AND status = 'SENDING'")
        .param("id", id).update();
  }

  /** The incident's customer notices, delivery by delivery. */
  public List<NoticeDelivery> ofIncident(String incidentId) {
    return jdbc.sql(SELECT + " WHERE n.incident_id = :incident AND d.customer_id NOT LIKE '" + STAFF_PREFIX
            + "%' ORDER BY n.id, d.customer_id")
        .param("incident", incidentId).query(NoticeOutbox::map).list();
  }

  /** The incident's mails to staff (pages, SLA escalations), delivery by delivery. */
  public List<NoticeDelivery> staffMailsOf(String incidentId) {
    return jdbc.sql(SELECT + " WHERE n.incident_id = :incident AND d.customer_id LIKE '" + STAFF_PREFIX
            + "%' ORDER BY n.id, d.customer_id")
        .param("incident", incidentId).query(NoticeOutbox::map).list();
  }

  static boolean isStaff(NoticeDelivery delivery) {
    return delivery.customerId().startsWith(STAFF_PREFIX);
  }

  private static String limit(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }

  private static NoticeDelivery map(ResultSet rs, int row) throws SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    return new NoticeDelivery(rs.getLong("id"), rs.getString("incident_id"), rs.getString("notice_key"),
        rs.getString("template"), rs.getString("subject"), rs.getString("model"), rs.getString("customer_id"),
        rs.getString("email"), rs.getString("recipient_name"), NoticeDelivery.Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"), rs.getString("last_error"), sent == null ? null : sent.toInstant());
  }
}
