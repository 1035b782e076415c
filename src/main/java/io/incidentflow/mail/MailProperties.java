package io.incidentflow.mail;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.mail}: the sender of every mail and the platform's public address, used for links in
 * mails. The SMTP server itself is Spring's {@code spring.mail.*}.
 */
@Validated
@ConfigurationProperties("incidentflow.mail")
public record MailProperties(@NotBlank String from, @NotBlank String publicUrl) {

  /** The domain of our Message-IDs: the sender's. */
  public String messageIdDomain() {
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "incidentflow.local" : from.substring(at + 1).replace(">", "").strip();
    return domain.isEmpty() ? "incidentflow.local" : domain;
  }
}
