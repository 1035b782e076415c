package io.incidentflow.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.login-throttle}: failed logins are counted per client address, never per user, so that
 * nobody can lock a responder out by guessing their password.
 *
 * @param maxFailures failed logins from one address within {@code window} before that address must wait
 * @param window how long failures count, and how long a throttled address waits
 * @param maxTrackedAddresses addresses remembered at once (the oldest are forgotten first): memory stays bounded
 */
@Validated
@ConfigurationProperties("incidentflow.login-throttle")
public record LoginThrottleProperties(@Min(1) int maxFailures, @NotNull Duration window, @Min(100) int maxTrackedAddresses) {}
