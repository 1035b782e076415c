package io.incidentflow.intake;

/** What monitoring says about a problem. */
public enum AlertStatus {
  FIRING,
  ACKNOWLEDGED,
  RESOLVED
}
