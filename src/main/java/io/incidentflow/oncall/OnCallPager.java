package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.notify.CustomerNotifier;
import io.incidentflow.notify.MailMessage;
import io.incidentflow.notify.MailProperties;
import io.incidentflow.notify.Mailer;
import io.incidentflow.notify.Recipient;
import io.incidentflow.notify.StaffDirectory;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Identify: pages the technicians of the service's group by email. */
@Service
public class OnCallPager {

  private final StaffDirectory staff;
  private final Mailer mailer;
  private final String tasklistUrl;

  public OnCallPager(StaffDirectory staff, Mailer mailer, MailProperties mail) {
    this.staff = staff;
    this.mailer = mailer;
    this.tasklistUrl = mail.publicUrl() + "/camunda/app/tasklist/default/";
  }

  /**
   * @return who was paged
   * @throws NobodyOnCallException when the group has nobody with an email address: an incident nobody hears
   *     of must not pass silently
   */
  public List<Recipient> page(IncidentSnapshot incident, String technicianGroup, String runbook) {
    List<Recipient> onCall = staff.membersOf(technicianGroup);
    if (onCall.isEmpty()) {
      throw new NobodyOnCallException(technicianGroup);
    }
    String subject = "[" + incident.severity() + "] " + incident.id() + " paged: " + incident.title();
    for (Recipient technician : onCall) {
      mailer.send(new MailMessage(technician, subject, "oncall-page", Map.of(
          "incident", CustomerNotifier.incidentModel(incident, null),
          "affectedServices", List.of(incident.serviceName()),
          "recipientName", technician.name(),
          "runbook", runbook == null ? "" : runbook,
          "taskUrl", tasklistUrl), null));
    }
    return onCall;
  }
}
