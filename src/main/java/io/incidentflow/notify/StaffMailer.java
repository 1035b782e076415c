package io.incidentflow.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Mails staff (pages, SLA escalations) through the outbox, in the caller's transaction: a job that fails and is
 * retried mails nobody twice, and an SMTP server that is down delays the mails without failing the job.
 */
@Service
public class StaffMailer {

  private final NoticeOutbox outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final OutboxSender sender;

  public StaffMailer(NoticeOutbox outbox, ObjectMapper json, Clock clock, @Lazy OutboxSender sender) {
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * @param mailKey unique per incident: a key mailed before is not mailed to the same member again
   * @param model template values; {@code recipientName} is added per member
   * @return how many mails were added
   */
  public int mail(String incidentId, String mailKey, String template, String subject, Map<String, Object> model,
      List<StaffMember> members) {
    String modelJson;
    try {
      modelJson = json.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store the mail " + mailKey + " of " + incidentId, e);
    }
    int added = outbox.enqueueToStaff(incidentId, mailKey, template, subject, modelJson, members, clock.instant());
    if (added > 0) {
      sender.wakeUpAfterCommit();
    }
    return added;
  }
}
