package io.incidentflow.sla;

import java.time.Duration;
import java.time.Instant;

/** A task whose SLA target passed while it was still open. */
public record SlaBreach(
    Long id, String incidentId, String taskKey, String taskName, String target, Instant startedAt, Instant breachedAt) {

  /** When the task should have been done. */
  public Instant dueAt() {
    return startedAt.plus(Duration.parse(target));
  }
}
