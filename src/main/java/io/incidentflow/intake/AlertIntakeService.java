package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentResolved;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.incident.IncidentTasks;
import io.incidentflow.intake.AlertOutcome.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns alerts into incidents, once per problem. Each alert is handled in one transaction: it is stored with
 * what happened to it, and a new incident's process instance starts in the same transaction (at "Alert
 * received", whose registration runs as a job), so an answer to monitoring is sent only for what is in the
 * database. A repeat of a problem that still fires costs a share of one statement (lookup and insert in one, for
 * all repeats that arrive together: RepeatWriter): no process instance, no message.
 */
@Service
public class AlertIntakeService {

  private static final Logger log = LoggerFactory.getLogger(AlertIntakeService.class);

  private final AlertRepository alerts;
  private final RepeatWriter repeats;
  private final IncidentService incidents;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final IntakeProperties properties;
  private final AlertStorm storm;
  private final Clock clock;
  private final TransactionTemplate transactions;

  AlertIntakeService(AlertRepository alerts, RepeatWriter repeats, IncidentService incidents, RuntimeService runtime,
      TaskService tasks, IdentityService identity, IntakeProperties properties, AlertStorm storm, Clock clock,
      PlatformTransactionManager transactionManager) {
    this.alerts = alerts;
    this.repeats = repeats;
    this.incidents = incidents;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.properties = properties;
    this.storm = storm;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  public AlertOutcome receive(Alert alert) {
    storm.alertReceived();
    Instant now = clock.instant();
    boolean firing = alert.status() == AlertStatus.FIRING;
    if (firing && repeats.heldLately(alert.dedupKey())) {
      // A storm of re-sends is the common case, and the cheap one: no transaction, one statement per group.
      Optional<String> incident = repeats.storeRepeat(alert, now);
      if (incident.isPresent()) {
        return new AlertOutcome(alert.dedupKey(), Outcome.CORRELATED, incident.get());
      }
    }
    AlertOutcome outcome = transactions.execute(status -> {
      AlertOutcome handled = switch (alert.status()) {
        case FIRING -> fire(alert, now);
        case ACKNOWLEDGED -> acknowledge(alert);
        case RESOLVED -> resolve(alert, now);
      };
      alerts.store(alert, now, handled);
      return handled;
    });
    if (firing) {
      repeats.held(alert.dedupKey());
    }
    return outcome;
  }

  private AlertOutcome fire(Alert alert, Instant now) {
    Optional<AlertRepository.OpenAlert> open = alerts.findOpen(alert.dedupKey());
    if (open.isPresent()) {
      if (open.get().resolvedAt() != null) {
        refired(open.get());
      }
      return new AlertOutcome(alert.dedupKey(), Outcome.CORRELATED, open.get().incidentId());
    }
    if (alert.groupKey() != null) {
      Optional<String> groupIncident =
          alerts.findGroupIncident(alert.groupKey(), alert.serviceId(), now.minus(properties.groupingWindow()));
      if (groupIncident.isPresent() && alerts.claim(alert, groupIncident.get(), now)) {
        return new AlertOutcome(alert.dedupKey(), Outcome.CORRELATED, groupIncident.get());
      }
    }
    String incidentId = incidents.nextId();
    if (!alerts.claim(alert, incidentId, now)) {
      // Another node or thread opened the incident for this key a moment ago: join it.
      String winner = alerts.findOpen(alert.dedupKey()).orElseThrow().incidentId();
      return new AlertOutcome(alert.dedupKey(), Outcome.CORRELATED, winner);
    }
    startIncident(incidentId, alert);
    return new AlertOutcome(alert.dedupKey(), Outcome.OPENED, incidentId);
  }

  /** The problem is back before anyone confirmed the recovery: the incident must not take it as recovered. */
  private void refired(AlertRepository.OpenAlert open) {
    alerts.markFiring(open.dedupKey());
    ProcessInstance instance = runningInstance(open.incidentId());
    if (instance != null && Boolean.TRUE.equals(runtime.getVariable(instance.getId(), MONITORING_RECOVERED))) {
      runtime.setVariable(instance.getId(), MONITORING_RECOVERED, false);
    }
  }

  private ProcessInstance runningInstance(String incidentId) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).active().singleResult();
  }

  /**
   * Starts the instance with nothing but its business key: the alert stored in this transaction is where the
   * process reads the details from (CopyAlertDetailsListener, in the job after "Alert received"), which keeps
   * a storm of new alerts from writing a dozen variables each inside the request.
   */
  private void startIncident(String incidentId, Alert alert) {
    ProcessInstance instance = runtime.createMessageCorrelation(IncidentProcess.MESSAGE_ALERT_RECEIVED)
        .processInstanceBusinessKey(incidentId).correlateStartMessage();
    log.info("Opened {} for {} alert {} (instance {})", incidentId, alert.source(), alert.dedupKey(), instance.getId());
  }

  private AlertOutcome acknowledge(Alert alert) {
    Optional<AlertRepository.OpenAlert> open = alerts.findOpen(alert.dedupKey());
    if (open.isEmpty()) {
      return new AlertOutcome(alert.dedupKey(), Outcome.IGNORED, null);
    }
    String incidentId = open.get().incidentId();
    Task acknowledgeTask = IncidentTasks.open(tasks, incidentId, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT);
    if (acknowledgeTask == null) {
      log.info("{} is acknowledged already; {} changes nothing", incidentId, alert.dedupKey());
      return new AlertOutcome(alert.dedupKey(), Outcome.IGNORED, incidentId);
    }
    // History names the monitoring as who acknowledged; its group may work incident tasks (security.Roles).
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(IncidentProcess.ACTOR_MONITORING, List.of(IncidentProcess.ACTOR_MONITORING));
    try {
      tasks.complete(acknowledgeTask.getId(), Map.of(ACKNOWLEDGED_BY, alert.source().reporter(),
          ACKNOWLEDGED_VIA, "alert source"));
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
    return new AlertOutcome(alert.dedupKey(), Outcome.ACKNOWLEDGED, incidentId);
  }

  private AlertOutcome resolve(Alert alert, Instant now) {
    Optional<AlertRepository.OpenAlert> open = alerts.findOpen(alert.dedupKey());
    if (open.isEmpty()) {
      return new AlertOutcome(alert.dedupKey(), Outcome.IGNORED, null);
    }
    String incidentId = open.get().incidentId();
    alerts.markResolved(alert.dedupKey(), now);
    if (!alerts.allResolved(incidentId)) {
      // Other alerts of the incident still fire: the service has not recovered yet.
      return new AlertOutcome(alert.dedupKey(), Outcome.CORRELATED, incidentId);
    }
    ProcessInstance instance = runningInstance(incidentId);
    if (instance == null) {
      return new AlertOutcome(alert.dedupKey(), Outcome.IGNORED, incidentId);
    }
    Map<String, Object> recovered = Map.of(MONITORING_RECOVERED, true, MONITORING_RECOVERED_AT, now.toString());
    boolean waitingForIt = runtime.createEventSubscriptionQuery().processInstanceId(instance.getId())
        .eventType("message").eventName(IncidentProcess.MESSAGE_MONITORING_RECOVERED).count() > 0;
    if (waitingForIt) {
      runtime.createMessageCorrelation(IncidentProcess.MESSAGE_MONITORING_RECOVERED)
          .processInstanceId(instance.getId()).setVariables(recovered).correlateWithResult();
    } else {
      // Not in the resolution phase yet: the process takes the recovery into account when it gets there.
      runtime.setVariables(instance.getId(), recovered);
    }
    return new AlertOutcome(alert.dedupKey(), Outcome.RECOVERY_REPORTED, incidentId);
  }

  /** A resolved incident frees its keys, so that the same problem coming back opens a new incident. */
  @EventListener
  public void onIncidentResolved(IncidentResolved resolved) {
    int released = alerts.release(resolved.incidentId());
    if (released > 0) {
      log.info("{} resolved: released {} alert key(s)", resolved.incidentId(), released);
    }
  }
}
