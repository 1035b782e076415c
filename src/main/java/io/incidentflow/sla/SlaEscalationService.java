package io.incidentflow.sla;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.IncidentTasks;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMailer;
import io.incidentflow.staff.StaffMember;
import io.incidentflow.tasklist.TasklistLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The three notices of an SLA clock (sla-escalation.bpmn): a reminder at 75 %, the breach to the incident
 * managers, the managers when it lasts. Each is marked on the clock first, so a retried job never sends twice.
 */
@Service
public class SlaEscalationService {

  private static final Logger log = LoggerFactory.getLogger(SlaEscalationService.class);

  private final SlaClocks clocks;
  private final SlaBreachRepository breaches;
  private final StaffDirectory staff;
  private final StaffMailer mailer;
  private final TaskService tasks;
  private final TasklistLinks links;
  private final Clock clock;

  public SlaEscalationService(SlaClocks clocks, SlaBreachRepository breaches, StaffDirectory staff, StaffMailer mailer,
      TaskService tasks, TasklistLinks links, Clock clock) {
    this.clocks = clocks;
    this.breaches = breaches;
    this.staff = staff;
    this.mailer = mailer;
    this.tasks = tasks;
    this.links = links;
    this.clock = clock;
  }

  /** @return how many people were mailed (0 when this notice was sent before) */
  public int notify(long clockId, SlaNotice level, IncidentSnapshot incident, String taskKey, String taskName,
      List<StaffMember> recipients) {
    SlaClock slaClock = clocks.get(clockId);
    Instant now = clock.instant();
    boolean first = clocks.mark(slaClock, level);
    if (first && level == SlaNotice.BREACH) {
      breaches.insert(new SlaBreach(null, incident.id(), taskKey, taskName, slaClock.target(),
          slaClock.startedAt(), now));
    }
    if (!first) {
      log.info("SLA {} of {} on {} was notified before; not again", level, slaClock.clock(), incident.id());
      return 0;
    }
    if (recipients.isEmpty()) {
      // Marked all the same: the next notice of the escalation (the breach, the managers) goes to named groups.
      log.warn("SLA {} of {} on {}: nobody the model names could be reached (no member has an email address)", level,
          slaClock.clock(), incident.id());
      return 0;
    }
    return mail(incident, "sla-" + clockId + "-" + level.name().toLowerCase(), level, taskKey, taskName,
        slaClock.target() + " (" + slaClock.calendar() + ")", slaClock.dueAt(), now, recipients);
  }

  /**
   * A breach of a task timer of an incident started before the SLA clocks (incident.bpmn before version 2.0,
   * {@link EscalateSlaBreachDelegate}): recorded and mailed to the incident managers, as then.
   *
   * @param taskStartedAt when the task was created; null when unknown, then taken as target before now
   */
  public SlaBreach escalateWithoutClock(IncidentSnapshot incident, String taskKey, String taskName, String target,
      Instant taskStartedAt) {
    Instant now = clock.instant();
    Instant started = taskStartedAt != null ? taskStartedAt : now.minus(Duration.parse(target));
    SlaBreach breach = new SlaBreach(null, incident.id(), taskKey, taskName, target, started, now);
    breaches.insert(breach);
    mail(incident, "sla-" + taskKey + "-" + now.toEpochMilli(), SlaNotice.BREACH, taskKey, taskName, target,
        breach.dueAt(), now,
        staff.membersOf(IncidentProcess.GROUP_INCIDENT_MANAGERS));
    return breach;
  }

  /** One SLA mail (template sla-breach) to staff, through the outbox: a key mailed before is not mailed again. */
  private int mail(IncidentSnapshot incident, String mailKey, SlaNotice level, String taskKey, String taskName,
      String target, Instant dueAt, Instant now, List<StaffMember> to) {
    Task late = IncidentTasks.open(tasks, incident.id(), taskKey);
    String subject = "[" + incident.severity() + "] " + headline(level) + ": " + taskName + " on " + incident.id();
    return mailer.mail(incident.id(), mailKey, "sla-breach", subject, Map.of(
        "incident", incident.mailModel("Open"),
        "affectedServices", List.of(incident.serviceName()),
        "headline", headline(level),
        "taskName", taskName,
        "target", target,
        "dueAt", dueAt.toString(),
        "breachedAt", now.toString(),
        "taskUrl", links.task(late == null ? null : late.getId()),
        "incidentUrl", links.incident(incident.id())), to);
  }

  private static String headline(SlaNotice level) {
    return switch (level) {
      case WARNING -> "SLA target approaching";
      case BREACH -> "SLA breached";
      case CLIMB -> "SLA still breached";
    };
  }
}
