package io.incidentflow.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * {@code ${slaDue.after(scopeTarget)}} in a user task's due date: the same target its SLA timer uses, so
 * Tasklist shows and sorts by when the task is due.
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
