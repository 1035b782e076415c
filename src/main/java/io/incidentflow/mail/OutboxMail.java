package io.incidentflow.mail;

import java.time.Instant;

/** A mail of the outbox as a whole, without its deliveries: what an incident's readers were sent, and when. */
public record OutboxMail(String incidentId, String key, RecipientKind kind, String subject, Instant createdAt) {}
