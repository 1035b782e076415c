package io.incidentflow.sla;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMailer;
import io.incidentflow.staff.StaffMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Records an SLA breach and tells the incident managers, so that reports can show it and someone acts. */
@Service
public class SlaEscalationService {

  private static final Logger log = LoggerFactory.getLogger(SlaEscalationService.class);

  private final SlaBreachRepository breaches;
  private final StaffDirectory staff;
  private final StaffMailer mailer;
  private final Clock clock;

  public SlaEscalationService(SlaBreachRepository breaches, StaffDirectory staff, StaffMailer mailer, Clock clock) {
    this.breaches = breaches;
    this.staff = staff;
    this.mailer = mailer;
    this.clock = clock;
  }

  /**
   * @param taskStartedAt when the task was created; null when unknown, then taken as target before now
   */
  public SlaBreach escalate(IncidentSnapshot incident, String taskKey, String taskName, String target,
      Instant taskStartedAt) {
    Instant now = clock.instant();
    Instant started = taskStartedAt != null ? taskStartedAt : now.minus(Duration.parse(target));
    SlaBreach breach = new SlaBreach(null, incident.id(), taskKey, taskName, target, started, now);
    breaches.insert(breach);

    List<StaffMember> managers = staff.membersOf(IncidentProcess.GROUP_INCIDENT_MANAGERS);
    if (managers.isEmpty()) {
      log.warn("SLA breach of {} on {} recorded, but no incident manager has an email address", taskName, incident.id());
      return breach;
    }
    String subject = "[" + incident.severity() + "] SLA breached: " + taskName + " on " + incident.id();
    // One mail per breach: the key names the task and the moment, so a later breach of a new task is mailed too.
    mailer.mail(incident.id(), "sla-" + taskKey + "-" + now.toEpochMilli(), "sla-breach", subject, Map.of(
        "incident", incident.mailModel("Open"),
        "affectedServices", List.of(incident.serviceName()),
        "taskName", taskName,
        "target", target,
        "dueAt", breach.dueAt().toString(),
        "breachedAt", now.toString()), managers);
    return breach;
  }
}
