package io.incidentflow.customer;

import io.incidentflow.mail.OutboxDelivery;
import io.incidentflow.mail.RecipientKind;
import io.incidentflow.mail.RecipientModel;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What each customer's copy of a notice adds: the customer's name and own signed unsubscribe link. */
@Component
class CustomerMailModel implements RecipientModel {

  private final UnsubscribeLinks links;

  CustomerMailModel(UnsubscribeLinks links) {
    this.links = links;
  }

  @Override
  public RecipientKind kind() {
    return RecipientKind.CUSTOMER;
  }

  @Override
  public void addTo(Map<String, Object> model, OutboxDelivery delivery) {
    model.put("customerName", delivery.recipientName());
    model.put("unsubscribeUrl", links.url(delivery.recipientId()));
  }
}
