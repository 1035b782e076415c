package io.incidentflow.mail.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.mail.MailMessage;
import io.incidentflow.mail.Mailer;
import io.incidentflow.mail.Recipient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The local demo as `mvn spring-boot:run` wires it (default profile, job executor on, H2): its mail sink
 * shows mail sent over SMTP at /mailbox. Ports of its own, not the demo's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:mail-sink;DB_CLOSE_DELAY=-1",
    "incidentflow.mail-sink.smtp-port=39125",
    "incidentflow.mail-sink.imap-port=39143",
    "spring.mail.port=39125"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailSinkIT {

  @Autowired Mailer mailer;
  @Autowired TestRestTemplate http;

  @Test
  void shouldShowMailSentToTheLocalSinkAtMailbox() {
    mailer.send(new MailMessage(new Recipient("Acme Retail", "ops@acme.example"), "Service disruption: Search is slow",
        "customer-incident-confirmed", Map.of(
            "incident", Map.of("id", "INC-2026-0007", "title", "Search is slow", "serviceName", "Search",
                "severity", "SEV3", "status", "Investigating", "description", ""),
            "affectedServices", List.of("Search"),
            "customerName", "Acme Retail"), null));

    String mailbox = http.getForObject("/mailbox", String.class);

    assertThat(mailbox).contains("Service disruption: Search is slow", "ops@acme.example", "Hello Acme Retail");
  }
}
