package io.incidentflow.incident;

/** Published inside the transaction that marks an incident resolved. */
public record IncidentResolved(String incidentId) {}
