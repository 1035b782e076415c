package io.incidentflow.oncall.schedule;

import java.time.ZoneId;
import java.util.List;

/**
 * An on-call schedule: layers listed top-down in one time zone. At any instant the first layer that covers it
 * names who is on call; lower layers fill the gaps of higher ones (before a layer starts, after it ends).
 */
public record Schedule(String id, String name, ZoneId zone, List<Layer> layers) {

  public Schedule {
    layers = List.copyOf(layers);
  }
}
