package io.incidentflow.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which customer already received which notice of an incident. Each sent mail is recorded in a transaction of
 * its own, right after the SMTP server accepted it: when the send job fails half-way and is retried, the
 * customers mailed before the failure are skipped instead of mailed twice.
 */
@Repository
public class CustomerNoticeLedger {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public CustomerNoticeLedger(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  public Set<String> customersNotified(String incidentId, String notice) {
    return new HashSet<>(jdbc.sql("SELECT customer_id FROM customer_notice WHERE incident_id = :incident AND notice = :notice")
        .param("incident", incidentId)
        .param("notice", notice)
        .query(String.class)
        .list());
  }

  public void recordSent(String incidentId, String notice, Customer customer) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            INSERT INTO customer_notice (incident_id, notice, customer_id, email, sent_at)
            VALUES (:incident, :notice, :customer, :email, :sentAt)""")
        .param("incident", incidentId)
        .param("notice", notice)
        .param("customer", customer.id())
        .param("email", customer.email())
        .param("sentAt", Timestamp.from(clock.instant()))
        .update());
  }
}
