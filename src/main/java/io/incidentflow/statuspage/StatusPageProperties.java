package io.incidentflow.statuspage;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.status-page}: how the public page's subscriptions are kept from being abused.
 *
 * @param confirmationValidity how long a mailed confirmation link works
 * @param requestWindow the window the two limits count in
 * @param requestsPerAddress subscription requests for one email address per window: nobody floods a stranger
 * @param requestsPerClient subscription requests from one client address per window: nobody floods the outbox
 */
@Validated
@ConfigurationProperties("incidentflow.status-page")
public record StatusPageProperties(@NotNull Duration confirmationValidity, @NotNull Duration requestWindow,
    @Min(1) int requestsPerAddress, @Min(1) int requestsPerClient) {}
