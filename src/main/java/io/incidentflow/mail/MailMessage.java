package io.incidentflow.mail;

import java.util.Map;

/**
 * One mail: rendered from {@code templates/mail/<template>.html} and {@code .txt}.
 *
 * @param messageId a stable Message-ID (without angle brackets) so that a re-send can be recognised; null for
 *     a fresh one
 */
public record MailMessage(Recipient to, String subject, String template, Map<String, Object> model, String messageId) {}
