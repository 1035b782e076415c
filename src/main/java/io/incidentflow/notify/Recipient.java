package io.incidentflow.notify;

/** Somebody a mail goes to. */
public record Recipient(String name, String email) {}
