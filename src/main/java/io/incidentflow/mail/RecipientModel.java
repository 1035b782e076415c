package io.incidentflow.mail;

import java.util.Map;

/**
 * What a mail to one kind of recipient carries beyond the model it shares with the mail's other recipients,
 * such as a customer's own unsubscribe link. The feature that owns those recipients provides it, so the
 * outbox needs to know nothing about them.
 */
public interface RecipientModel {

  RecipientKind kind();

  /** Adds this recipient's values to the template model of one delivery. */
  void addTo(Map<String, Object> model, OutboxDelivery delivery);
}
