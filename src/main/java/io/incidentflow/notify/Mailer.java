package io.incidentflow.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
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

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

  private final JavaMailSender sender;
  private final ITemplateEngine templates;
  private final MailProperties properties;

  public Mailer(JavaMailSender sender, ITemplateEngine templates, MailProperties properties) {
    this.sender = sender;
    this.templates = templates;
    this.properties = properties;
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

    MimeMessage message = mail.messageId() == null
        ? sender.createMimeMessage()
        : new FixedIdMimeMessage(sender.createMimeMessage(), "<" + headerSafe(mail.messageId()) + ">");
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
      helper.setTo(address(mail.to()));
      helper.setSubject(headerSafe(mail.subject()));
      helper.setText(text, html);
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
