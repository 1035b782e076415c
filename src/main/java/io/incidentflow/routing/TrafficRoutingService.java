package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Fall back: picks the router configured for a service, reroutes its users and brings them back. */
@Service
public class TrafficRoutingService {

  private final List<TrafficRouter> routers;
  private final ServiceCatalog catalog;
  private final TrafficChangeRepository changes;

  public TrafficRoutingService(List<TrafficRouter> routers, ServiceCatalog catalog, TrafficChangeRepository changes) {
    this.routers = routers;
    this.catalog = catalog;
    this.changes = changes;
  }

  /**
   * @throws RerouteNotPossibleException when no router is configured for the service, or it cannot work
   * @throws RerouteFailedException when this attempt failed and a retry may succeed
   */
  public RerouteResult rerouteToBackup(String serviceId, String incidentId) {
    ServiceDefinition service = catalog.get(serviceId);
    TrafficRouter router = routerFor(service).orElseThrow(() -> new RerouteNotPossibleException(
        "No traffic router is configured for the service '" + service.name() + "' (" + service.id()
            + "): move users to the backup by hand, following the runbook."));
    return router.rerouteToBackup(service, incidentId);
  }

  /** Brings the users back to the primaries; nothing to do where nothing was rerouted. */
  public Optional<RerouteResult> failBack(String serviceId, String incidentId) {
    ServiceDefinition service = catalog.get(serviceId);
    return routerFor(service).map(router -> router.failBack(service, incidentId));
  }

  /** After the last failed attempt: undo whatever the attempts changed, as far as possible. */
  public void abandon(String serviceId, String incidentId) {
    ServiceDefinition service = catalog.get(serviceId);
    routerFor(service).ifPresent(router -> router.abandon(service, incidentId));
  }

  /**
   * Whether servers of the service are still drained for the incident, as recorded before each change: true
   * also when the reroute's job changed the load balancer but the resolution ended before it could say so.
   */
  public boolean usersOnBackup(String serviceId, String incidentId) {
    return !changes.active(incidentId, serviceId).isEmpty();
  }

  /** What reroutes changed for the incident, one line each, for the process and Cockpit. */
  public String changesOf(String incidentId) {
    return String.join("\n", changes.ofIncident(incidentId).stream().map(TrafficChange::describe).toList());
  }

  private java.util.Optional<TrafficRouter> routerFor(ServiceDefinition service) {
    return routers.stream().filter(candidate -> candidate.supports(service)).findFirst();
  }
}
