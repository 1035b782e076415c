package io.incidentflow.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Every mail IncidentFlow sends about an incident goes through here: put in the outbox in the caller's
 * transaction, once per recipient and key, and mailed by the {@link OutboxSender} after commit. A job that fails
 * and is retried mails nobody twice; an SMTP server that is down delays mail without failing the job.
 */
@Service
public class MailOutbox {

  private final OutboxRepository outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final OutboxSender sender;

  public MailOutbox(OutboxRepository outbox, ObjectMapper json, Clock clock, @Lazy OutboxSender sender) {
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * @param incidentId the incident the mail is about; null for a mail about none (a subscription's confirmation)
   * @param key unique per incident ({@code confirmed}, {@code update-3}, {@code page}, ...): a key mailed before
   *     is not mailed to the same recipient again
   * @param template the name of {@code templates/mail/<template>.html} and {@code .txt}
   * @param model template values shared by every recipient
   * @return how many deliveries this call added
   */
  public int enqueue(String incidentId, String key, RecipientKind kind, String template, String subject,
      Map<String, Object> model, List<OutboxRecipient> recipients) {
    String modelJson;
    try {
      modelJson = json.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store the mail " + key + " of " + incidentId, e);
    }
    int added = outbox.enqueue(incidentId, key, kind, template, subject, modelJson, recipients, clock.instant());
    if (added > 0) {
      sender.wakeUpAfterCommit();
    }
    return added;
  }

  /** The incident's deliveries to one kind of recipient, mail by mail. */
  public List<OutboxDelivery> deliveriesOf(String incidentId, RecipientKind kind) {
    return outbox.deliveriesOf(incidentId, kind);
  }
}
