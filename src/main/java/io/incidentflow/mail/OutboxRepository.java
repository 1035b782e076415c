package io.incidentflow.mail;

import io.incidentflow.platform.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox's tables: a mail per incident and key ({@code outbox_mail}), a delivery per recipient
 * ({@code outbox_delivery}). Enqueuing inserts in the caller's transaction; the unique keys make a mail
 * impossible to enqueue twice for a recipient. Senders claim due deliveries with a lease, so that several
 * nodes share the work and a dead node's claims come back.
 */
@Repository
public class OutboxRepository {

  private static final String SELECT = """
      SELECT d.id, m.incident_id, m.mail_key, m.recipient_kind, m.template, m.subject, m.model, d.recipient_id,
             d.email, d.recipient_name, d.status, d.attempts, d.last_error, d.sent_at
      FROM outbox_delivery d JOIN outbox_mail m ON m.id = d.mail_id""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final String skipLocked;

  public OutboxRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, DataSource dataSource) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.skipLocked = Databases.isPostgres(dataSource) ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /**
   * Puts a mail in the outbox for each recipient it did not reach before under this key, in one batch.
   *
   * @return how many deliveries this call added
   */
  public int enqueue(String incidentId, String key, RecipientKind kind, String template, String subject, String model,
      List<OutboxRecipient> recipients, Instant now) {
    long mailId = mail(incidentId, key, kind, template, subject, model, now);
    if (recipients.isEmpty()) {
      return 0;
    }
    Timestamp at = Timestamp.from(now);
    MapSqlParameterSource[] rows = recipients.stream()
        .map(recipient -> new MapSqlParameterSource().addValue("mail", mailId).addValue("recipient", recipient.id())
            .addValue("email", recipient.email()).addValue("name", recipient.name()).addValue("now", at))
        .toArray(MapSqlParameterSource[]::new);
    int[] added = batch.batchUpdate("""
        INSERT INTO outbox_delivery (mail_id, recipient_id, email, recipient_name, status, next_attempt_at)
        SELECT :mail, :recipient, :email, :name, 'PENDING', :now
        WHERE NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.mail_id = :mail AND d.recipient_id = :recipient)""",
        rows);
    return Arrays.stream(added).map(count -> Math.max(count, 0)).sum();
  }

  /** The mail's id; inserted unless the incident (or, for a mail about none, the outbox) has the key already. */
  private long mail(String incidentId, String key, RecipientKind kind, String template, String subject, String model,
      Instant now) {
    // SQL's "=" never matches NULL: a mail about no incident is found by its key alone.
    String sameMail = incidentId == null ? "incident_id IS NULL AND mail_key = :key"
        : "incident_id = :incident AND mail_key = :key";
    jdbc.sql("INSERT INTO outbox_mail (incident_id, mail_key, recipient_kind, template, subject, model, created_at) "
            + "SELECT " + (incidentId == null ? "NULL" : ":incident") + ", :key, :kind, :template, :subject, :model, :now "
            + "WHERE NOT EXISTS (SELECT 1 FROM outbox_mail WHERE " + sameMail + ")")
        .params(incidentId == null ? Map.of() : Map.of("incident", incidentId))
        .param("key", key).param("kind", kind.name()).param("template", template)
        .param("subject", subject).param("model", model).param("now", Timestamp.from(now))
        .update();
    record Stored(long id, String kind) {}
    Stored stored = jdbc.sql("SELECT id, recipient_kind FROM outbox_mail WHERE " + sameMail)
        .params(incidentId == null ? Map.of() : Map.of("incident", incidentId))
        .param("key", key).query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2)))
        .single();
    if (!stored.kind().equals(kind.name())) {
      // A key names one mail to one kind of reader: a staff page must never ride on a customer notice's row.
      throw new IllegalStateException("The mail '" + key + "' of " + incidentId + " went to " + stored.kind()
          + " recipients; it cannot go to " + kind + " recipients too");
    }
    return stored.id();
  }

  /**
   * Claims up to {@code limit} due deliveries for {@code sender} until {@code leaseUntil}. A delivery whose
   * lease ran out (its sender died) is due again.
   */
  public List<OutboxDelivery> claim(String sender, int limit, Instant now, Instant leaseUntil) {
    List<Long> ids = jdbc.sql("SELECT id FROM outbox_delivery WHERE (status = 'PENDING' AND next_attempt_at <= :now) "
            + "OR (status = 'SENDING' AND lease_until < :now) ORDER BY id LIMIT " + limit + skipLocked)
        .param("now", Timestamp.from(now)).query(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    // The status check makes a claim by another sender in between win: that row is not taken twice.
    jdbc.sql("""
            UPDATE outbox_delivery SET status = 'SENDING', claimed_by = :sender, lease_until = :lease
            WHERE id IN (:ids) AND ((status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND lease_until < :now))""")
        .param("sender", sender).param("lease", Timestamp.from(leaseUntil)).param("ids", ids)
        .param("now", Timestamp.from(now)).update();
    return jdbc.sql(SELECT + " WHERE d.claimed_by = :sender AND d.status = 'SENDING' AND d.id IN (:ids) ORDER BY d.id")
        .param("sender", sender).param("ids", ids).query(OutboxRepository::map).list();
  }

  /** Marks several mails sent in one round trip. */
  public void markSent(List<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE outbox_delivery SET status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = NULL, "
            + "claimed_by = NULL, lease_until = NULL WHERE id IN (:ids)")
        .param("at", Timestamp.from(at)).param("ids", ids).update();
  }

  public void markRetry(long id, Instant nextAttempt, String error) {
    jdbc.sql("UPDATE outbox_delivery SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = :next, "
            + "last_error = :error, claimed_by = NULL, lease_until = NULL WHERE id = :id")
        .param("next", Timestamp.from(nextAttempt)).param("error", limit(error)).param("id", id).update();
  }

  public void markFailed(long id, String error) {
    jdbc.sql("UPDATE outbox_delivery SET status = 'FAILED', attempts = attempts + 1, last_error = :error, "
            + "claimed_by = NULL, lease_until = NULL WHERE id = :id")
        .param("error", limit(error)).param("id", id).update();
  }

  /** Gives a claim back untouched (the batch stopped before this delivery). */
  public void release(long id) {
    jdbc.sql("UPDATE outbox_delivery SET status = 'PENDING', claimed_by = NULL, lease_until = NULL "
            + "WHERE id = :id AND status = 'SENDING'")
        .param("id", id).update();
  }

  /** The incident's deliveries to one kind of recipient, mail by mail. */
  public List<OutboxDelivery> deliveriesOf(String incidentId, RecipientKind kind) {
    return jdbc.sql(SELECT + " WHERE m.incident_id = :incident AND m.recipient_kind = :kind ORDER BY m.id, d.recipient_id")
        .param("incident", incidentId).param("kind", kind.name()).query(OutboxRepository::map).list();
  }

  private static String limit(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }

  private static OutboxDelivery map(ResultSet rs, int row) throws SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    return new OutboxDelivery(rs.getLong("id"), rs.getString("incident_id"), rs.getString("mail_key"),
        RecipientKind.valueOf(rs.getString("recipient_kind")), rs.getString("template"), rs.getString("subject"),
        rs.getString("model"), rs.getString("recipient_id"),
        rs.getString("email"), rs.getString("recipient_name"), OutboxDelivery.Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"), rs.getString("last_error"), sent == null ? null : sent.toInstant());
  }
}
