package io.incidentflow.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * {@code ${slaDue.after(scopeTarget)}}: the due dates of incidents started on incident.bpmn before version 2.0.
 * Kept while such incidents may still run; new ones take their due dates from {@link SlaClocks}.
 */
@Component("slaDue")
public class SlaDue {

  private final Clock clock;

  public SlaDue(Clock clock) {
    this.clock = clock;
  }

  public Date after(String isoDuration) {
    return Date.from(clock.instant().plus(Duration.parse(isoDuration)));
  }
}
