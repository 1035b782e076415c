package io.incidentflow.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a mail from its Thymeleaf templates (HTML with a plain-text alternative) and sends it over SMTP.
 * Header values never carry control characters and every address is parsed strictly, one at a time, so a
 * name or title cannot add a header or a recipient.
 */
@Component
public class Mailer {

  /**
   * A model value that, when present, is sent as a {@code text/calendar; method=REQUEST} part: an invitation
   * that mail clients show with Accept and Decline (RFC 6047), preferred over the HTML as the last alternative.
   */
  public static final String CALENDAR_REQUEST = "calendarRequest";

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final JavaMailSender sender;
  private final ITemplateEngine templates;
  private final MailProperties properties;
  private final InternetAddress from;

  public Mailer(JavaMailSender sender, ITemplateEngine templates, MailProperties properties) {
    this.sender = sender;
    this.templates = templates;
    this.properties = properties;
    try {
      this.from = InternetAddress.parse(properties.from(), true)[0];
    } catch (AddressException e) {
      throw new IllegalStateException("incidentflow.mail.from is not a valid address: " + properties.from(), e);
    }
  }

  public void send(MailMessage mail) throws MailException {
    sender.send(render(mail));
  }

  MimeMessage render(MailMessage mail) {
    Map<String, Object> model = new HashMap<>(mail.model());
    model.putIfAbsent("appUrl", properties.publicUrl());
    Context context = new Context();
    context.setVariables(model);
    String html = templates.process("mail/" + mail.template(), context);
    String text = templates.process("mail/" + mail.template() + ".txt", context);

    MimeMessage template = sender.createMimeMessage();
    MimeMessage message = mail.messageId() == null
        ? template
        : new FixedIdMimeMessage(template, "<" + headerSafe(mail.messageId()) + ">");
    try {
      message.setFrom(from);
      message.setRecipient(Message.RecipientType.TO, address(mail.to()));
      message.setSubject(headerSafe(mail.subject()), UTF_8);
      message.setSentDate(new Date());
      // Plain text first, HTML preferred: one multipart/alternative, nothing nested.
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(text, UTF_8, "plain");
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(html, UTF_8, "html");
      MimeMultipart alternatives = new MimeMultipart("alternative", textPart, htmlPart);
      if (mail.model().get(CALENDAR_REQUEST) instanceof String calendar) {
        MimeBodyPart calendarPart = new MimeBodyPart();
        calendarPart.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar.getBytes(StandardCharsets.UTF_8),
            "text/calendar; charset=UTF-8; method=REQUEST")));
        alternatives.addBodyPart(calendarPart);
      }
      message.setContent(alternatives);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailPreparationException("Cannot build the mail '" + mail.subject() + "' to " + mail.to().email(), e);
    }
    return message;
  }

  static InternetAddress address(Recipient recipient) throws MessagingException, UnsupportedEncodingException {
    InternetAddress parsed = new InternetAddress(recipient.email(), true);
    parsed.validate();
    return new InternetAddress(parsed.getAddress(), headerSafe(recipient.name()), StandardCharsets.UTF_8.name());
  }

  /** Control characters (CR, LF, NUL, ...) become spaces: a header value stays one header value. */
  static String headerSafe(String value) {
    return value == null ? null : CONTROL.matcher(value).replaceAll(" ").strip();
  }

  /** Keeps the Message-ID we chose: Jakarta Mail would replace it with a random one on send. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(MimeMessage template, String messageId) {
      super(template.getSession());
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
