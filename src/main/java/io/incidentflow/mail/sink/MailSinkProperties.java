package io.incidentflow.mail.sink;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code incidentflow.mail-sink}: the local demo's own SMTP/IMAP server (GreenMail) on loopback. */
@ConfigurationProperties("incidentflow.mail-sink")
public record MailSinkProperties(boolean enabled, int smtpPort, int imapPort) {}
