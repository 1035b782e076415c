package io.incidentflow.mail.sink;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The local demo's mail server: a real SMTP server on 127.0.0.1 that keeps every mail it receives, readable
 * at /mailbox or over IMAP (user and password: the recipient's address). Never on in production.
 */
@Component
@ConditionalOnClass(name = MailSink.GREENMAIL)
@ConditionalOnProperty(name = "incidentflow.mail-sink.enabled", havingValue = "true")
public class MailSink implements SmartLifecycle, DisposableBean {

  /** GreenMail ships with the demo only ({@code mvn spring-boot:run}), not in the production jar. */
  static final String GREENMAIL = "com.icegreen.greenmail.util.GreenMail";

  private static final Logger log = LoggerFactory.getLogger(MailSink.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final GreenMail server;
  private volatile boolean running;

  public MailSink(MailSinkProperties properties) {
    this.server = new GreenMail(new ServerSetup[] {
        new ServerSetup(properties.smtpPort(), LOOPBACK, ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(properties.imapPort(), LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
  }

  /** Newest first. */
  public List<MimeMessage> received() {
    return Arrays.stream(server.getReceivedMessages())
        .sorted(Comparator.comparing(MailSink::sentDate).reversed())
        .toList();
  }

  private static java.util.Date sentDate(MimeMessage message) {
    try {
      return message.getSentDate() == null ? new java.util.Date(0) : message.getSentDate();
    } catch (jakarta.mail.MessagingException e) {
      return new java.util.Date(0);
    }
  }

  @Override
  public void start() {
    server.start();
    running = true;
    log.info("Local mail sink: SMTP and IMAP on {}, mail readable at /mailbox", LOOPBACK);
  }

  @Override
  public void stop() {
    server.stop();
    running = false;
  }

  /** Also when the context fails to start: the ports must not outlive the application. */
  @Override
  public void destroy() {
    if (running) {
      stop();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Up before the engine's job executor sends the first mail. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE;
  }
}
