package io.incidentflow.routing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.routing}: talking to load balancers.
 *
 * @param connectTimeout and {@code readTimeout}: one Runtime API command may not hang a job
 * @param reapplyInterval how often changes still in force are checked and re-applied (HAProxy forgets them on reload)
 */
@Validated
@ConfigurationProperties("incidentflow.routing")
public record RoutingProperties(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
    @NotNull Duration reapplyInterval) {}
