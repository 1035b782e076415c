package io.incidentflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code incidentflow.demo}: the local demo's users (one per role) and their shared password. Off in the
 * {@code prod} profile.
 */
@ConfigurationProperties("incidentflow.demo")
public record DemoProperties(boolean enabled, String password) {}
