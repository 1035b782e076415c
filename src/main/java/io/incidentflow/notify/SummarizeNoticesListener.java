package io.incidentflow.notify;

import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.incident.ProcessValues;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.OutboxDelivery;
import io.incidentflow.mail.RecipientKind;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When the review starts: what customers were told, notice by notice, for the review form. */
@Component("summarizeNotices")
public class SummarizeNoticesListener implements TaskListener {

  private final MailOutbox outbox;

  public SummarizeNoticesListener(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void notify(DelegateTask task) {
    String incidentId = ProcessValues.requiredString(task.getExecution(), IncidentVariables.INCIDENT_ID);
    Map<String, Map<OutboxDelivery.Status, Long>> byNotice = new TreeMap<>();
    outbox.deliveriesOf(incidentId, RecipientKind.CUSTOMER).forEach(delivery -> byNotice
        .computeIfAbsent(delivery.mailKey(), key -> new TreeMap<>())
        .merge(delivery.status(), 1L, Long::sum));
    String summary = byNotice.isEmpty() ? "No customer was notified." : byNotice.entrySet().stream()
        .map(entry -> entry.getKey() + ": " + entry.getValue().entrySet().stream()
            .map(count -> count.getValue() + " " + count.getKey().name().toLowerCase())
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
    task.setVariable(IncidentVariables.NOTICES_SENT, summary);
  }
}
