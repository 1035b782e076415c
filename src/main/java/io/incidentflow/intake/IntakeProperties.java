package io.incidentflow.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.intake}: how monitoring reaches IncidentFlow.
 *
 * @param token bearer token of {@code /api/alerts} and {@code /api/alerts/alertmanager}
 * @param serviceLabel the Alertmanager label that names the service of the catalog
 * @param groupingWindow alerts of one Alertmanager group for one service within this time join one incident
 * @param refreshInterval how often alert counts and last-seen times are copied onto running incidents
 * @param stormRate more alerts than this in one second are a storm ({@link AlertStorm})
 * @param stormJobWorkers job batches that run at once during a storm, of the job executor's pool
 */
@Validated
@ConfigurationProperties("incidentflow.intake")
public record IntakeProperties(
    @NotBlank String token,
    @NotBlank String serviceLabel,
    @NotNull Duration groupingWindow,
    @NotNull Duration refreshInterval,
    @Positive int stormRate,
    @Positive int stormJobWorkers) {}
