package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceDefinition;

/**
 * Moves a service's users to its backup servers and back, for example through a load balancer's runtime
 * API. Implementations are Spring beans; the first that {@link #supports} a service routes it.
 */
public interface TrafficRouter {

  boolean supports(ServiceDefinition service);

  /**
   * Moves the service's traffic to its backup servers and checks that the backup now serves. Idempotent: an
   * async job may run it again after a failure, and must not lose what the servers' states were before.
   *
   * @throws RerouteNotPossibleException when the backup cannot take the traffic, whatever the retries
   * @throws RerouteFailedException when this attempt failed and another may succeed
   */
  RerouteResult rerouteToBackup(ServiceDefinition service, String incidentId);

  /** Puts back exactly what {@link #rerouteToBackup} changed for the incident, and checks it. Idempotent. */
  RerouteResult failBack(ServiceDefinition service, String incidentId);

  /** Best effort after a reroute that finally failed: undo what it changed so far. */
  void abandon(ServiceDefinition service, String incidentId);

  /**
   * Sets a recorded change again if the load balancer lost it, e.g. on a reload.
   *
   * @return true when it had to
   */
  boolean reapply(TrafficChange change, ServiceDefinition service);
}
