package io.incidentflow.reporting;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.reporting} in application.yaml.
 *
 * @param currency ISO 4217 code of every service's {@code cost-per-minute} and of the reports' downtime cost
 */
@Validated
@ConfigurationProperties("incidentflow.reporting")
public record ReportingProperties(@NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {}
