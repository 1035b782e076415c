package io.incidentflow.notify;

import java.time.Instant;

/** One notice to one customer, as the outbox holds it. */
public record NoticeDelivery(
    long id,
    String incidentId,
    String noticeKey,
    String template,
    String subject,
    String model,
    String customerId,
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
