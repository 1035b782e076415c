package io.incidentflow.routing;

/** Traffic cannot be moved automatically; the reason is shown to the technician who applies the workaround. */
public class RerouteNotPossibleException extends RuntimeException {
  public RerouteNotPossibleException(String reason) {
    super(reason);
  }

  public RerouteNotPossibleException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
