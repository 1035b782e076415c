package io.incidentflow.oncall.schedule;

import java.time.Instant;

/**
 * A stretch of the flattened timeline with one user on call, for one reason: a turn of a layer, or an override.
 *
 * @param layer the layer's name, or null for an override
 * @param overrideId the override's id, or null for a layer's turn
 */
public record Shift(String user, Instant start, Instant end, String layer, Long overrideId) {

  public boolean isOverride() {
    return overrideId != null;
  }
}
