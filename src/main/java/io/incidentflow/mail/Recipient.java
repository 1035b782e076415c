package io.incidentflow.mail;

/** Somebody a mail goes to. */
public record Recipient(String name, String email) {}
