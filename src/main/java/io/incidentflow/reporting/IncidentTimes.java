package io.incidentflow.reporting;

import java.time.Instant;

/**
 * One incident as the reports read it: when it opened (IncidentFlow's incident table), was first acknowledged and
 * had its fallback applied (Camunda's history), and was resolved (the incident table). Null: not (yet) happened.
 */
record IncidentTimes(String service, String severity, Instant openedAt, Instant acknowledgedAt, Instant fallbackAt,
    Instant resolvedAt) {

  /** Mitigated: the fallback applied or the incident resolved, whichever came first. */
  Instant mitigatedAt() {
    if (fallbackAt == null || (resolvedAt != null && resolvedAt.isBefore(fallbackAt))) {
      return resolvedAt;
    }
    return fallbackAt;
  }
}
