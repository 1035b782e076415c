package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox's tables on the schema Flyway builds, without the engine: each mail reaches each recipient once. */
@JdbcTest
@Import(OutboxRepository.class)
class OutboxRepositoryTest {

  static final String INCIDENT = "INC-2026-0901";
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  static final List<OutboxRecipient> TECHNICIANS = List.of(
      new OutboxRecipient("tom", "Tom Technician", "tom@incidentflow.local"),
      new OutboxRecipient("ann", "Ann Technician", "ann@incidentflow.local"));

  @Autowired OutboxRepository outbox;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void incident() {
    jdbc.sql("""
        INSERT INTO incident (id, service_id, title, status, customer_impact, opened_at)
        VALUES (:id, 'checkout', 'Checkout down', 'OPEN', TRUE, CURRENT_TIMESTAMP)""").param("id", INCIDENT).update();
  }

  @Test
  void shouldAddEachRecipientOnceWhenAMailIsEnqueuedAgain() {
    assertThat(enqueue("page", RecipientKind.STAFF, TECHNICIANS)).isEqualTo(2);
    List<OutboxRecipient> onCallNow = List.of(TECHNICIANS.get(1),
        new OutboxRecipient("bob", "Bob Technician", "bob@incidentflow.local"));

    assertThat(enqueue("page", RecipientKind.STAFF, onCallNow)).as("only bob is new").isEqualTo(1);
    assertThat(outbox.deliveriesOf(INCIDENT, RecipientKind.STAFF)).extracting(OutboxDelivery::recipientId)
        .containsExactly("ann", "bob", "tom");
    assertThat(outbox.deliveriesOf(INCIDENT, RecipientKind.CUSTOMER)).isEmpty();
  }

  @Test
  void shouldRefuseAKeyOfOneKindOfRecipientForAnother() {
    enqueue("confirmed", RecipientKind.CUSTOMER, List.of(new OutboxRecipient("acme", "Acme", "ops@acme.example")));

    assertThatThrownBy(() -> enqueue("confirmed", RecipientKind.STAFF, TECHNICIANS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUSTOMER");
    assertThat(outbox.deliveriesOf(INCIDENT, RecipientKind.CUSTOMER)).hasSize(1);
  }

  @Test
  void shouldGiveAClaimOnlyToOneSenderUntilItsLeaseRunsOut() {
    enqueue("page", RecipientKind.STAFF, TECHNICIANS);

    assertThat(outbox.claim("node-a", 10, NOW, NOW.plus(Duration.ofMinutes(5)))).hasSize(2);
    assertThat(outbox.claim("node-b", 10, NOW.plusSeconds(60), NOW.plus(Duration.ofMinutes(6)))).isEmpty();
    assertThat(outbox.claim("node-b", 10, NOW.plus(Duration.ofMinutes(6)), NOW.plus(Duration.ofMinutes(11))))
        .as("node-a died: its claims come back").hasSize(2);
  }

  private int enqueue(String key, RecipientKind kind, List<OutboxRecipient> recipients) {
    return outbox.enqueue(INCIDENT, key, kind, "oncall-page", "subject", "{}", recipients, NOW);
  }
}
