package io.incidentflow.notify;

import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.RecipientKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What was sent to whom and when, per incident (staff login required). */
@RestController
@Tag(name = "Customer notices")
class NoticeController {

  record DeliveryView(String notice, String customerId, String email, String status, int attempts, String lastError,
      String sentAt) {}

  private final MailOutbox outbox;

  NoticeController(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Operation(summary = "Every customer notice of an incident: to whom, its state, when it was sent, why it failed")
  @GetMapping("/api/staff/incidents/{incidentId}/notices")
  List<DeliveryView> notices(@PathVariable String incidentId) {
    return outbox.deliveriesOf(incidentId, RecipientKind.CUSTOMER).stream()
        .map(d -> new DeliveryView(d.mailKey(), d.recipientId(), d.email(), d.status().name(), d.attempts(),
            d.lastError(), d.sentAt() == null ? null : d.sentAt().toString()))
        .toList();
  }
}
