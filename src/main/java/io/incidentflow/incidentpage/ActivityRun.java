package io.incidentflow.incidentpage;

import java.time.Instant;

/**
 * One run of an activity of the diagram, as the engine's history records it.
 *
 * @param end null while it runs
 * @param cancelled ended by something else than its own completion (an interrupting event, the end of its scope)
 * @param assignee a user task's assignee, else null
 */
record ActivityRun(String activityId, Instant start, Instant end, boolean cancelled, String assignee) {

  boolean running() {
    return end == null;
  }
}
