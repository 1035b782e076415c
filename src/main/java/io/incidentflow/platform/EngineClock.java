package io.incidentflow.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock as a {@link Clock}: our tables record the same time the engine's history does, and
 * tests that move the engine's clock move ours.
 */
public class EngineClock extends Clock {

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The engine clock is UTC");
  }

  @Override
  public Instant instant() {
    return ClockUtil.now().toInstant();
  }
}
