package io.incidentflow.incident;

/** Lifecycle of an incident as IncidentFlow's own tables and reports see it. */
public enum IncidentStatus {
  /** Reported and being worked: identify, scope, resolve. */
  OPEN,
  /** The service works again; communication and review may still go on. */
  RESOLVED,
  /** Reviewed (or no review needed): nothing left to do. */
  CLOSED
}
