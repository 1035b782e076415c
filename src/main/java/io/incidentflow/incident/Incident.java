package io.incidentflow.incident;

import java.time.Instant;

/** One incident as stored in IncidentFlow's own table; the process instance holds the work on it. */
public record Incident(
    String id,
    String processInstanceId,
    String serviceId,
    String title,
    String description,
    String severity,
    IncidentStatus status,
    boolean customerImpact,
    String reportedBy,
    Instant openedAt,
    Instant resolvedAt,
    Instant closedAt,
    String publicTitle) {}
