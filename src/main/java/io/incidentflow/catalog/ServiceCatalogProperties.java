package io.incidentflow.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The service catalog, {@code incidentflow.services} in application.yaml.
 *
 * @param catchAllService the service of the catalog that takes an alert naming no service of it (or none), so
 *     that no alert is refused for its routing; null: such an alert is refused naming the field
 */
@Validated
@ConfigurationProperties("incidentflow")
public record ServiceCatalogProperties(@NotEmpty List<@Valid ServiceDefinition> services, String catchAllService) {

  @ConstructorBinding
  public ServiceCatalogProperties {}

  public ServiceCatalogProperties(List<ServiceDefinition> services) {
    this(services, null);
  }
}
