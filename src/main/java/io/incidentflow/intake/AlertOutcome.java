package io.incidentflow.intake;

/** What intake did with one alert; part of every answer to monitoring. */
public record AlertOutcome(String dedupKey, Outcome outcome, String incidentId) {

  public enum Outcome {
    /** A new incident was opened. */
    OPENED,
    /** The alert joined an open incident (a repeat, or another alert of the same group). */
    CORRELATED,
    /** The incident was acknowledged on behalf of monitoring. */
    ACKNOWLEDGED,
    /** The incident was told that monitoring reports the service recovered. */
    RECOVERY_REPORTED,
    /** Nothing to do (e.g. resolved for a key without open incident); stored all the same. */
    IGNORED
  }
}
