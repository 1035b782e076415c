package io.incidentflow.notify;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.mail}: the sender of every mail and the platform's public address, used for links in
 * mails. The SMTP server itself is Spring's {@code spring.mail.*}.
 */
@Validated
@ConfigurationProperties("incidentflow.mail")
public record MailProperties(@NotBlank String from, @NotBlank String publicUrl) {}
