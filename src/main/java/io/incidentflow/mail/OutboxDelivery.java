package io.incidentflow.mail;

import java.time.Instant;

/** One mail to one recipient, as the outbox holds it. */
public record OutboxDelivery(
    long id,
    String incidentId,
    String mailKey,
    RecipientKind kind,
    String template,
    String subject,
    String model,
    String recipientId,
    String email,
    String recipientName,
    Status status,
    int attempts,
    String lastError,
    Instant sentAt) {

  public enum Status {
    /** Waiting to be sent (again). */
    PENDING,
    /** Claimed by a sender; back to PENDING if its lease runs out. */
    SENDING,
    SENT,
    /** Given up: a permanent refusal (invalid address, 5xx) or the retry budget spent. */
    FAILED
  }
}
