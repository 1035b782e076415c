package io.incidentflow.reporting;

import java.time.Instant;

/**
 * One incident as the reports read it (IncidentFlow's incident table): when it opened, was first acknowledged and
 * had its fallback applied, and was resolved. Null: not (yet) happened.
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
