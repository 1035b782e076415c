package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceDefinition;

/**
 * Moves a service's users to its backup servers, for example through a load balancer's runtime API.
 * Implementations are Spring beans; the first that {@link #supports} a service routes it.
 */
public interface TrafficRouter {

  boolean supports(ServiceDefinition service);

  /**
   * Moves the service's traffic to its backup servers and checks that the backup now serves. Must be
   * idempotent: an async job may run it twice.
   *
   * @throws RerouteNotPossibleException when the backup cannot take the traffic
   */
  RerouteResult rerouteToBackup(ServiceDefinition service, String incidentId);
}
