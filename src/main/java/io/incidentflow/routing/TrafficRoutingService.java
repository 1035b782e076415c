package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.List;
import org.springframework.stereotype.Service;

/** Fall back: picks the router configured for a service and reroutes its users to the backup servers. */
@Service
public class TrafficRoutingService {

  private final List<TrafficRouter> routers;
  private final ServiceCatalog catalog;

  public TrafficRoutingService(List<TrafficRouter> routers, ServiceCatalog catalog) {
    this.routers = routers;
    this.catalog = catalog;
  }

  /** @throws RerouteNotPossibleException when no router is configured for the service, or the router fails */
  public RerouteResult rerouteToBackup(String serviceId, String incidentId) {
    ServiceDefinition service = catalog.get(serviceId);
    TrafficRouter router = routers.stream()
        .filter(candidate -> candidate.supports(service))
        .findFirst()
        .orElseThrow(() -> new RerouteNotPossibleException(
            "No traffic router is configured for the service '" + service.name() + "' (" + service.id()
                + "): move users to the backup by hand, following the runbook."));
    return router.rerouteToBackup(service, incidentId);
  }
}
