package io.incidentflow.timeline;

/** No incident process was ever started with that business key. */
public class UnknownIncidentException extends RuntimeException {

  private final String incidentId;

  public UnknownIncidentException(String incidentId) {
    super("No incident " + incidentId);
    this.incidentId = incidentId;
  }

  public String incidentId() {
    return incidentId;
  }
}
