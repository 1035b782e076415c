package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.Optional;

/**
 * Which service of the catalog an alert is for. An alert naming an unknown service, or none, goes to the
 * catalog's catch-all service (paged to whoever that service names) with a note saying why, rather than being
 * refused: a sender that gets 4xx drops the alert for good.
 */
final class ServiceRouter {

  /** @param note why the alert went to the catch-all service; null when it named its service */
  record Routed(ServiceDefinition service, String note) {}

  private final ServiceCatalog catalog;

  ServiceRouter(ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param serviceId what the alert named, or null
   * @param field where it named it ({@code alerts[0].labels.service})
   * @return empty when the service is unknown and no catch-all is configured
   */
  private Optional<Routed> route(String serviceId, String field) {
    Optional<ServiceDefinition> named = catalog.find(serviceId);
    if (named.isPresent()) {
      return Optional.of(new Routed(named.get(), null));
    }
    return catalog.catchAll().map(catchAll -> new Routed(catchAll, (serviceId == null
        ? field + " is missing" : field + " '" + serviceId + "' names no service of the catalog")
        + ": opened on the catch-all service '" + catchAll.id() + "'"));
  }

  /**
   * Reads the service an alert names from {@code parent.name} and routes it.
   *
   * @param missing what to say when the field is missing and no catch-all service takes the alert
   * @return null when the field cannot be read, or names no known service and no catch-all is configured: the
   *     error is then in {@code errors}
   */
  Routed read(FieldErrors errors, JsonNode parent, String name, String field, String missing) {
    int before = errors.count();
    String serviceId = errors.label(parent, name, field, 64);
    if (errors.count() > before) {
      return null;
    }
    Routed routed = route(serviceId, field).orElse(null);
    if (routed == null) {
      errors.add(field, serviceId == null ? missing : "unknown service '" + serviceId + "'");
    }
    return routed;
  }

  /** The alert's text with the routing note first, where the people paged read it. */
  static String describe(String note, String description) {
    if (note == null) {
      return description;
    }
    return "Routed to the catch-all service: " + note + "." + (description == null ? "" : "\n\n" + description);
  }
}
