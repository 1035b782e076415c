package io.incidentflow.routing;

/** This attempt to move traffic failed (unreachable socket, an error from the load balancer, a failed check). */
public class RerouteFailedException extends RuntimeException {
  public RerouteFailedException(String reason) {
    super(reason);
  }

  public RerouteFailedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
