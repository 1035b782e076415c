package io.incidentflow.mail.sink;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The mail sink switched on in a build without it (the production jar leaves GreenMail out): fail at start
 * with what to do, rather than send every mail to a port nobody listens on.
 */
@Component
@ConditionalOnMissingClass(MailSink.GREENMAIL)
@ConditionalOnProperty(name = "incidentflow.mail-sink.enabled", havingValue = "true")
class MailSinkMissing {

  MailSinkMissing() {
    throw new IllegalStateException("incidentflow.mail-sink.enabled is true, but this build has no local mail sink "
        + "(it belongs to the demo: mvn spring-boot:run). Set incidentflow.mail-sink.enabled=false and point "
        + "spring.mail.host (INCIDENTFLOW_SMTP_HOST) at your SMTP server.");
  }
}
