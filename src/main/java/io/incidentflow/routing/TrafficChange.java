package io.incidentflow.routing;

import java.time.Instant;

/** One server state a reroute changed: what it was, what it became, and whether it was put back. */
public record TrafficChange(
    long id,
    String incidentId,
    String serviceId,
    String address,
    String backend,
    String server,
    String stateBefore,
    String stateAfter,
    Instant changedAt,
    Instant restoredAt,
    int reappliedCount) {

  public String describe() {
    return backend + "/" + server + ": " + stateBefore + " -> " + stateAfter
        + (restoredAt == null ? "" : " (restored " + restoredAt + ")")
        + (reappliedCount == 0 ? "" : " (re-applied " + reappliedCount + "x after HAProxy lost it)");
  }
}
