package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.mail.MailProperties;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMailer;
import io.incidentflow.staff.StaffMember;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Identify: pages the technicians of the service's group by email. */
@Service
public class OnCallPager {

  /** An incident is paged once: the key of its page in the outbox. */
  static final String PAGE_KEY = "page";

  private final StaffDirectory staff;
  private final StaffMailer mailer;
  private final String tasklistUrl;

  public OnCallPager(StaffDirectory staff, StaffMailer mailer, MailProperties mail) {
    this.staff = staff;
    this.mailer = mailer;
    this.tasklistUrl = mail.publicUrl() + "/camunda/app/tasklist/default/";
  }

  /**
   * Puts one page per technician in the outbox, in the caller's transaction.
   *
   * @return who is paged
   * @throws NobodyOnCallException when the group has nobody with an email address: an incident nobody hears
   *     of must not pass silently
   */
  public List<StaffMember> page(IncidentSnapshot incident, String technicianGroup, String runbook) {
    List<StaffMember> onCall = staff.membersOf(technicianGroup);
    if (onCall.isEmpty()) {
      throw new NobodyOnCallException(technicianGroup);
    }
    String subject = "[" + incident.severity() + "] " + incident.id() + " paged: " + incident.title();
    mailer.mail(incident.id(), PAGE_KEY, "oncall-page", subject, Map.of(
        "incident", incident.mailModel("Open"),
        "affectedServices", List.of(incident.serviceName()),
        "runbook", runbook == null ? "" : runbook,
        "taskUrl", tasklistUrl), onCall);
    return onCall;
  }
}
