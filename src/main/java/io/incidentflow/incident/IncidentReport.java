package io.incidentflow.incident;

/** What a person (start form) or monitoring reports: enough to open an incident. */
public record IncidentReport(
    String serviceId,
    String title,
    String description,
    boolean customerImpact,
    String reportedSeverity,
    String reportedBy) {}
