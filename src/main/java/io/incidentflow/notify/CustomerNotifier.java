package io.incidentflow.notify;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.IncidentSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** Communicate: one notice to every customer subscribed to an affected service, each customer once. */
@Service
public class CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

  private final NoticeOutbox outbox;
  private final ServiceCatalog catalog;
  private final ObjectMapper json;
  private final Clock clock;
  private final OutboxSender sender;

  public CustomerNotifier(NoticeOutbox outbox, ServiceCatalog catalog, ObjectMapper json, Clock clock,
      @Lazy OutboxSender sender) {
    this.outbox = outbox;
    this.catalog = catalog;
    this.json = json;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * Puts the notice in the outbox for every customer subscribed to an affected service, in the caller's
   * transaction; the {@link OutboxSender} mails them.
   *
   * @param noticeKey unique per incident: {@code confirmed}, {@code update-3}, ...; a key enqueued before for
   *     a customer is not enqueued for that customer again
   * @param details template values of this notice (e.g. {@code workaroundDescription})
   * @return how many deliveries were added
   */
  public int notifyAffectedCustomers(IncidentSnapshot incident, Notice notice, String noticeKey,
      Map<String, Object> details) {
    Map<String, Object> model = new HashMap<>(details);
    model.put("incident", incidentModel(incident, notice));
    model.put("affectedServices", incident.affectedServiceIds().stream().map(this::serviceName).toList());
    String subject = notice.subjectPrefix() + ": " + incident.title();
    String modelJson;
    try {
      modelJson = json.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot store the notice " + noticeKey + " of " + incident.id(), e);
    }
    int added = outbox.enqueue(incident.id(), noticeKey, notice.template(), subject, modelJson,
        incident.affectedServiceIds(), clock.instant());
    log.info("{} notice '{}': {} customer mail(s) put in the outbox", incident.id(), noticeKey, added);
    if (added > 0) {
      sender.wakeUpAfterCommit();
    }
    return added;
  }

  private String serviceName(String serviceId) {
    return catalog.find(serviceId).map(ServiceDefinition::name).orElse(serviceId);
  }

  /** The incident as templates see it ({@code incident.title}, ...). */
  public static Map<String, Object> incidentModel(IncidentSnapshot incident, Notice notice) {
    Map<String, Object> model = new HashMap<>();
    model.put("id", incident.id());
    model.put("title", incident.title());
    model.put("description", incident.description());
    model.put("serviceName", incident.serviceName());
    model.put("severity", incident.severity());
    model.put("status", notice == null ? "Open" : notice.status());
    return model;
  }

  static String domainOf(String from) {
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "incidentflow.local" : from.substring(at + 1).replace(">", "").strip();
    return domain.isEmpty() ? "incidentflow.local" : domain;
  }
}
