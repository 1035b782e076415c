package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/** Rendering and header safety of mails, without an SMTP server. */
class MailerTest {

  private final Mailer mailer = new Mailer(new JavaMailSenderImpl(), templates(),
      new MailProperties("IncidentFlow <incidents@example.com>", "https://incidents.example.com"));

  @Test
  void shouldRenderHtmlWithAPlainTextAlternativeFromTheTemplates() throws Exception {
    MimeMessage message = mailer.render(confirmed(new Recipient("Acme Retail", "ops@acme.example"), "INC-2026-0001.confirmed.acme@example.com"));
    message.saveChanges();

    assertThat(message.getSubject()).isEqualTo("Service disruption: Card payments fail");
    assertThat(message.getMessageID()).isEqualTo("<INC-2026-0001.confirmed.acme@example.com>");
    assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("Acme Retail <ops@acme.example>");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message))
        .contains("multipart/alternative", "text/plain", "text/html", "Hello Acme Retail", "Checkout");
  }

  @Test
  void shouldKeepANameWithLineBreaksInsideOneHeader() throws Exception {
    MimeMessage message = mailer.render(confirmed(new Recipient("Eve\r\nBcc: all@example.com", "eve@example.com"), null));
    message.saveChanges();

    assertThat(message.getAllRecipients()).hasSize(1);
    assertThat(((InternetAddress) message.getAllRecipients()[0]).getAddress()).isEqualTo("eve@example.com");
    assertThat(message.getHeader("Bcc")).isNull();
  }

  @Test
  void shouldRejectAnAddressFieldHoldingTwoAddresses() {
    assertThatThrownBy(() -> Mailer.address(new Recipient("Eve", "eve@example.com, all@example.com")))
        .isInstanceOf(AddressException.class);
  }

  @Test
  void shouldTurnControlCharactersIntoSpaces() {
    assertThat(Mailer.headerSafe("Down\r\nBcc: x\u0000")).isEqualTo("Down Bcc: x");
  }

  private static MailMessage confirmed(Recipient to, String messageId) {
    return new MailMessage(to, "Service disruption: Card payments fail", "customer-incident-confirmed", Map.of(
        "incident", Map.of("id", "INC-2026-0001", "title", "Card payments fail", "serviceName", "Checkout",
            "severity", "SEV2", "status", "Investigating", "description", ""),
        "affectedServices", List.of("Checkout"),
        "customerName", to.name()), messageId);
  }

  /** Boot's setup in small: HTML templates, and the plain-text ones for mail/*.txt. */
  private static SpringTemplateEngine templates() {
    SpringTemplateEngine engine = new SpringTemplateEngine();
    ClassLoaderTemplateResolver text = new ClassLoaderTemplateResolver();
    text.setPrefix("templates/");
    text.setResolvablePatterns(java.util.Set.of("mail/*.txt"));
    text.setTemplateMode(TemplateMode.TEXT);
    text.setOrder(0);
    ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
    html.setPrefix("templates/");
    html.setSuffix(".html");
    html.setTemplateMode(TemplateMode.HTML);
    html.setOrder(1);
    engine.addTemplateResolver(text);
    engine.addTemplateResolver(html);
    return engine;
  }
}
