package io.incidentflow.oncall;

/**
 * A person to page, and why (the target that named them).
 *
 * @param email null when the user has none: the email channel then passes them on to the next channel
 */
public record Responder(String userId, String name, String email, String reason) {}
