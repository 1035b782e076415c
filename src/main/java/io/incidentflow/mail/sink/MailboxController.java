package io.incidentflow.mail.sink;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** /mailbox: what the local demo's mail sink received, newest first (plain-text parts). */
@Controller
@ConditionalOnClass(name = MailSink.GREENMAIL)
@ConditionalOnProperty(name = "incidentflow.mail-sink.enabled", havingValue = "true")
class MailboxController {

  record ReceivedMail(String date, String from, String to, String subject, String text) {}

  private final MailSink sink;

  MailboxController(MailSink sink) {
    this.sink = sink;
  }

  @GetMapping("/mailbox")
  String mailbox(Model model) throws MessagingException, IOException {
    List<ReceivedMail> mails = new java.util.ArrayList<>();
    for (MimeMessage message : sink.received()) {
      mails.add(new ReceivedMail(String.valueOf(message.getSentDate()), addresses(message.getFrom()),
          addresses(message.getAllRecipients()), message.getSubject(), plainText(message)));
    }
    model.addAttribute("mails", mails);
    return "mailbox";
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        String text = plainText(body);
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }
}
