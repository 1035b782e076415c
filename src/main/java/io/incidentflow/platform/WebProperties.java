package io.incidentflow.platform;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.web}: limits of every endpoint.
 *
 * @param maxRequestSize the largest body any endpoint reads (a deployment from Modeler included); endpoints may
 *     set a lower limit of their own (alert intake does)
 */
@Validated
@ConfigurationProperties("incidentflow.web")
public record WebProperties(@NotNull DataSize maxRequestSize) {}
