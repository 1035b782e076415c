package io.incidentflow.intake;

/**
 * One alert, whatever format it arrived in, checked and ready to handle.
 *
 * @param dedupKey scoped by source (and routing key for PagerDuty): one problem, one key
 * @param groupKey Alertmanager's group key, for joining alerts of one group; null elsewhere
 * @param severity a DMN input: critical, error, warning, info, or null when unknown
 * @param payload the alert as received (JSON), stored with it
 */
public record Alert(
    AlertSource source,
    String dedupKey,
    AlertStatus status,
    String serviceId,
    String severity,
    String summary,
    String description,
    boolean customerImpact,
    String groupKey,
    String payload) {}
