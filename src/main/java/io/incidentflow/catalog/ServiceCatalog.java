package io.incidentflow.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Looks services up by id. */
@Component
public class ServiceCatalog {

  private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
  private final Map<String, ServiceDefinition> byRoutingKey = new LinkedHashMap<>();
  private final ServiceDefinition catchAll;

  public ServiceCatalog(ServiceCatalogProperties properties) {
    for (ServiceDefinition service : properties.services()) {
      if (services.putIfAbsent(service.id(), service) != null) {
        throw new IllegalStateException("incidentflow.services lists the service id '" + service.id() + "' twice");
      }
      if (service.routingKey() != null && byRoutingKey.putIfAbsent(service.routingKey(), service) != null) {
        throw new IllegalStateException("incidentflow.services gives two services the same routing key");
      }
    }
    String catchAllId = properties.catchAllService() == null || properties.catchAllService().isBlank()
        ? null : properties.catchAllService();
    if (catchAllId != null && !services.containsKey(catchAllId)) {
      throw new IllegalStateException("incidentflow.catch-all-service is '" + catchAllId
          + "', which incidentflow.services does not list: add it (who is paged for alerts of no known service)");
    }
    this.catchAll = catchAllId == null ? null : services.get(catchAllId);
  }

  /** The service that takes alerts naming no service of the catalog, if one is configured. */
  public Optional<ServiceDefinition> catchAll() {
    return Optional.ofNullable(catchAll);
  }

  /** The services customers know: all but the catch-all, which only staff see. */
  public Collection<ServiceDefinition> customerFacing() {
    return services.values().stream().filter(service -> service != catchAll).toList();
  }

  /** The service whose PagerDuty integration key this is. */
  public Optional<ServiceDefinition> findByRoutingKey(String routingKey) {
    return Optional.ofNullable(routingKey).map(byRoutingKey::get);
  }

  public Optional<ServiceDefinition> find(String serviceId) {
    return Optional.ofNullable(serviceId).map(services::get);
  }

  /** @throws UnknownServiceException naming the id and the known ones */
  public ServiceDefinition get(String serviceId) {
    return find(serviceId).orElseThrow(() -> new UnknownServiceException(serviceId, services.keySet()));
  }

  public Collection<ServiceDefinition> all() {
    return services.values();
  }
}
