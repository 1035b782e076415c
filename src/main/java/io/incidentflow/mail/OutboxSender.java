package io.incidentflow.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.annotation.PreDestroy;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds: claims a batch, sends it over one SMTP connection and marks the mails the
 * server accepted, ten at a time. A crash loses at most the marks of those ten (their Message-IDs, the same
 * on a re-send, let a mail system recognise them). A refusal of one recipient does not
 * block the others; an unreachable server leaves the rest for later, with backoff.
 */
@Component
public class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {};
  /** Accepted mails marked per round trip. */
  static final int MARK_EVERY = 10;

  private final OutboxRepository outbox;
  private final Mailer mailer;
  private final JavaMailSenderImpl smtp;
  private final OutboxProperties properties;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final String name = "sender-" + UUID.randomUUID();
  private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "outbox-sender");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private final String messageIdDomain;
  private final Map<RecipientKind, RecipientModel> recipientModels = new EnumMap<>(RecipientKind.class);

  public OutboxSender(OutboxRepository outbox, Mailer mailer, JavaMailSenderImpl smtp, OutboxProperties properties,
      ObjectMapper json, Clock clock, PlatformTransactionManager transactions, MailProperties mail,
      List<RecipientModel> recipientModels) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.smtp = smtp;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.messageIdDomain = mail.messageIdDomain();
    recipientModels.forEach(model -> this.recipientModels.put(model.kind(), model));
  }

  @Scheduled(fixedDelayString = "${incidentflow.outbox.poll-interval}")
  public void poll() {
    sendDue();
  }

  /**
   * Sends soon after the caller's transaction commits, if sending on enqueue is on (otherwise at the next
   * poll): what the transaction put in the outbox is visible to the sender only then.
   */
  public void wakeUpAfterCommit() {
    if (properties.sendOnEnqueue() && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          wakeUp();
        }
      });
    }
  }

  /** Sends soon on a thread of its own, instead of at the next poll; several wake-ups make one run. */
  public void wakeUp() {
    if (wakeUpPending.compareAndSet(false, true)) {
      wakeUps.execute(() -> {
        wakeUpPending.set(false);
        try {
          sendDue();
        } catch (RuntimeException e) {
          log.warn("Sending the outbox failed; the next poll retries: {}", e.getMessage());
        }
      });
    }
  }

  @PreDestroy
  void stopWakeUps() {
    wakeUps.shutdownNow();
  }

  /** Sends all due mail; returns how many mails the SMTP server accepted. */
  public int sendDue() {
    return sendDue(Integer.MAX_VALUE);
  }

  /**
   * Sends due mail, batch after batch, until none is due or {@code maxMails} were attempted.
   *
   * @return how many mails the SMTP server accepted
   */
  public synchronized int sendDue(int maxMails) {
    int accepted = 0;
    int attempted = 0;
    Transport transport = null;
    try {
      while (attempted < maxMails) {
        Instant now = clock.instant();
        int limit = Math.min(properties.batchSize(), maxMails - attempted);
        List<OutboxDelivery> batch = transaction.execute(status ->
            outbox.claim(name, limit, now, now.plus(properties.lease())));
        if (batch == null || batch.isEmpty()) {
          return accepted;
        }
        if (transport == null) {
          try {
            transport = smtp.getSession().getTransport("smtp");
            transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
          } catch (MessagingException e) {
            postpone(batch, 0, "SMTP server unreachable: " + e.getMessage());
            return accepted;
          }
        }
        Batch result = send(batch, transport);
        accepted += result.accepted;
        attempted += batch.size();
        if (result.serverDown) {
          return accepted;
        }
      }
      return accepted;
    } finally {
      close(transport);
    }
  }

  private record Batch(int accepted, boolean serverDown) {}

  /**
   * Sends a claimed batch over the open connection; the whole run of batches shares one connection. Accepted
   * mails are marked in groups of {@link #MARK_EVERY}: a crash between the server's acceptance and the mark
   * re-sends at most that many, with the same Message-ID.
   */
  private Batch send(List<OutboxDelivery> batch, Transport transport) {
    List<Long> sent = new ArrayList<>(MARK_EVERY);
    try {
      return send(batch, transport, sent);
    } finally {
      outbox.markSent(sent, clock.instant());
    }
  }

  private Batch send(List<OutboxDelivery> batch, Transport transport, List<Long> sent) {
    int accepted = 0;
    for (int i = 0; i < batch.size(); i++) {
      OutboxDelivery delivery = batch.get(i);
      MimeMessage message;
      try {
        message = render(delivery);
      } catch (RuntimeException e) {
        outbox.markFailed(delivery.id(), "Cannot build the mail: " + e.getMessage());
        continue;
      }
      try {
        transport.sendMessage(message, message.getAllRecipients());
        sent.add(delivery.id());
        accepted++;
        if (sent.size() >= MARK_EVERY) {
          outbox.markSent(sent, clock.instant());
          sent.clear();
        }
      } catch (SendFailedException e) {
        if (isPermanent(e)) {
          outbox.markFailed(delivery.id(), "Refused by the SMTP server: " + e.getMessage());
        } else {
          retryLater(delivery, e.getMessage());
        }
      } catch (MessagingException e) {
        // The connection broke: this and the rest of the batch wait for the server to come back.
        postpone(batch, i, "SMTP failure: " + e.getMessage());
        return new Batch(accepted, true);
      }
    }
    return new Batch(accepted, false);
  }

  private static void close(Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("Closing the SMTP connection failed: {}", e.getMessage());
    }
  }

  MimeMessage render(OutboxDelivery delivery) {
    Map<String, Object> model;
    try {
      model = new HashMap<>(json.readValue(delivery.model(), MODEL));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The stored model of mail " + delivery.mailKey() + " is not JSON", e);
    }
    model.put("recipientName", delivery.recipientName());
    RecipientModel perRecipient = recipientModels.get(delivery.kind());
    if (perRecipient != null) {
      perRecipient.addTo(model, delivery);
    }
    // Stable per incident, mail and recipient: a re-send after a crash carries the same Message-ID. Customer and
    // staff ids may coincide; the prefix keeps staff mails apart (customer ids hold no '+').
    String recipient = (delivery.kind() == RecipientKind.STAFF ? "staff+" : "") + delivery.recipientId();
    String about = delivery.incidentId() == null ? "status" : delivery.incidentId();
    String messageId = about + "." + delivery.mailKey() + "." + recipient + "@" + messageIdDomain;
    return mailer.render(new MailMessage(new Recipient(delivery.recipientName(), delivery.email()), delivery.subject(),
        delivery.template(), model, messageId));
  }

  private void postpone(List<OutboxDelivery> batch, int from, String reason) {
    log.warn("{} mail(s) wait for the SMTP server: {}", batch.size() - from, reason);
    for (OutboxDelivery delivery : batch.subList(from, batch.size())) {
      retryLater(delivery, reason);
    }
  }

  private void retryLater(OutboxDelivery delivery, String reason) {
    int attempts = delivery.attempts() + 1;
    if (attempts >= properties.maxAttempts()) {
      outbox.markFailed(delivery.id(), "Gave up after " + attempts + " attempts: " + reason);
      log.error("Mail {} of {} to {} {} failed for good: {}", delivery.mailKey(), delivery.incidentId(),
          delivery.kind(), delivery.recipientId(), reason);
      return;
    }
    Duration backoff = properties.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
    Duration wait = backoff.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : backoff;
    outbox.markRetry(delivery.id(), clock.instant().plus(wait), reason);
  }

  /** 5xx for this recipient (or an address the server calls invalid): sending again will not help. */
  static boolean isPermanent(SendFailedException e) {
    for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
      if (next instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
        return true;
      }
      if (next instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
        return true;
      }
    }
    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
        && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0);
  }
}
