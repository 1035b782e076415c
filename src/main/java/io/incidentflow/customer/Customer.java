package io.incidentflow.customer;

import io.incidentflow.mail.OutboxRecipient;

/** A customer in the directory. */
public record Customer(String id, String name, String email) {

  public OutboxRecipient outboxRecipient() {
    return new OutboxRecipient(id, name, email);
  }
}
