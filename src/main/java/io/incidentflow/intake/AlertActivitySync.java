package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentProcess;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Copies alert counts, last-seen times and the list of alerts onto running incidents every few seconds.
 * Repeats of an open problem only insert a row; this is the one place that touches the process for them,
 * so a storm of re-sends costs the engine one variable update per incident and interval.
 */
@Component
public class AlertActivitySync {

  private static final Logger log = LoggerFactory.getLogger(AlertActivitySync.class);

  private final AlertRepository alerts;
  private final RuntimeService runtime;
  private final Clock clock;
  private Instant since;

  public AlertActivitySync(AlertRepository alerts, RuntimeService runtime, Clock clock) {
    this.alerts = alerts;
    this.runtime = runtime;
    this.clock = clock;
    this.since = clock.instant().minusSeconds(3600);
  }

  @Scheduled(fixedDelayString = "${incidentflow.intake.refresh-interval}",
      initialDelayString = "${incidentflow.intake.refresh-interval}")
  public synchronized void refresh() {
    // Overlap by a second: an alert committed just after the last query must not be missed.
    Instant now = clock.instant();
    for (AlertRepository.Activity activity : alerts.activitySince(since.minusSeconds(1))) {
      ProcessInstance instance = runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(activity.incidentId()).processDefinitionKey(IncidentProcess.PROCESS_KEY)
          .active().singleResult();
      if (instance == null) {
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(ALERT_COUNT, activity.count());
      variables.put(ALERT_LAST_SEEN_AT, activity.lastSeenAt().toString());
      variables.put(ALERTS, AlertText.digest(alerts.keysOf(activity.incidentId())));
      try {
        runtime.setVariables(instance.getId(), variables);
      } catch (RuntimeException e) {
        // A user completing a task at this moment wins; the next round retries.
        log.debug("Alert activity of {} not copied this round: {}", activity.incidentId(), e.getMessage());
      }
    }
    since = now;
  }
}
