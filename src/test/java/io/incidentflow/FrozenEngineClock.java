package io.incidentflow;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the engine's clock (ClockUtil) at the present for each test, so that no SLA timer falls due while it runs,
 * and sets it going again afterwards. Use: {@code @ExtendWith(FrozenEngineClock.class)}.
 */
public final class FrozenEngineClock implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    ClockUtil.setCurrentTime(new Date());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
  }
}
