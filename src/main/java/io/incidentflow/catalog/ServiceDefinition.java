package io.incidentflow.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * One IT service that incidents are raised against, with who repairs it and how.
 *
 * @param routingKey the PagerDuty Events API v2 integration key of the service: 32 characters, a secret
 *     (optional; without it the service takes no PagerDuty events)
 * @param haproxy how to move its users to backup servers (optional; without it the fallback is manual)
 */
public record ServiceDefinition(
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
    @NotBlank String name,
    @Min(1) @Max(3) int tier,
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String technicianGroup,
    @NotBlank String runbook,
    @Pattern(regexp = "[A-Za-z0-9]{32}") String routingKey,
    @Valid HaproxyRoute haproxy) {}
