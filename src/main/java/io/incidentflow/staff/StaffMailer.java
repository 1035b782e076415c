package io.incidentflow.staff;

import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.OutboxRecipient;
import io.incidentflow.mail.RecipientKind;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Mails staff (pages, SLA escalations) through the outbox, in the caller's transaction. */
@Service
public class StaffMailer {

  private final MailOutbox outbox;

  public StaffMailer(MailOutbox outbox) {
    this.outbox = outbox;
  }

  /**
   * @param mailKey unique per incident: a key mailed before is not mailed to the same member again
   * @param model template values; {@code recipientName} is added per member
   * @return how many mails were added
   */
  public int mail(String incidentId, String mailKey, String template, String subject, Map<String, Object> model,
      List<StaffMember> members) {
    return outbox.enqueue(incidentId, mailKey, RecipientKind.STAFF, template, subject, model,
        members.stream().map(member -> new OutboxRecipient(member.userId(), member.name(), member.email())).toList());
  }
}
