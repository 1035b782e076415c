package io.incidentflow.routing.haproxy;

/** The Runtime API could not be reached, or stopped answering: nothing is known about the command's effect. */
public class HaproxyUnavailableException extends RuntimeException {

  public HaproxyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
