package io.incidentflow.mail;

/** Who a mail of the outbox is for: the public status of a mail and its links depend on it. */
public enum RecipientKind {
  /** A customer of the directory: notices about incidents that affect it, with a link to stop updates. */
  CUSTOMER,
  /** A member of staff (Camunda user): pages, SLA escalations. Never public. */
  STAFF,
  /** Somebody who asked on the status page for updates: the confirmation link, about no incident. */
  SUBSCRIBER
}
