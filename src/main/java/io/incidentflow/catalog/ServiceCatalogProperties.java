package io.incidentflow.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The service catalog, {@code incidentflow.services} in application.yaml. */
@Validated
@ConfigurationProperties("incidentflow")
public record ServiceCatalogProperties(@NotEmpty List<@Valid ServiceDefinition> services) {}
