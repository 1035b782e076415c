package io.incidentflow.mail;

/**
 * One addressee of an outbox mail.
 *
 * @param id the customer's or the user's id: a mail reaches each id once
 */
public record OutboxRecipient(String id, String name, String email) {}
