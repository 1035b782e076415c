package io.incidentflow.timeline;

/** No incident process was ever started with that business key. */
class UnknownIncidentException extends RuntimeException {

  private final String incidentId;

  UnknownIncidentException(String incidentId) {
    super("No incident " + incidentId);
    this.incidentId = incidentId;
  }

  String incidentId() {
    return incidentId;
  }
}
