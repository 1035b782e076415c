package io.incidentflow.notify;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.IncidentSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Communicate: mails one notice to every customer subscribed to an affected service, each customer once. */
@Service
public class CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

  private final CustomerDirectory customers;
  private final CustomerNoticeLedger ledger;
  private final ServiceCatalog catalog;
  private final Mailer mailer;
  private final String messageIdDomain;

  public CustomerNotifier(CustomerDirectory customers, CustomerNoticeLedger ledger, ServiceCatalog catalog,
      Mailer mailer, MailProperties mail) {
    this.customers = customers;
    this.ledger = ledger;
    this.catalog = catalog;
    this.mailer = mailer;
    this.messageIdDomain = domainOf(mail.from());
  }

  /**
   * @param noticeKey unique per incident: {@code confirmed}, {@code update-3}, ...; a key already sent to a
   *     customer is not sent to that customer again
   * @param details template values of this notice (e.g. {@code workaroundDescription})
   * @return how many customers were mailed by this call
   */
  public int notifyAffectedCustomers(IncidentSnapshot incident, Notice notice, String noticeKey,
      Map<String, Object> details) {
    List<Customer> affected = customers.subscribersOf(incident.affectedServiceIds());
    Set<String> alreadyNotified = ledger.customersNotified(incident.id(), noticeKey);
    Map<String, Object> model = new HashMap<>(details);
    model.put("incident", incidentModel(incident, notice));
    model.put("affectedServices", incident.affectedServiceIds().stream().map(this::serviceName).toList());
    String subject = notice.subjectPrefix() + ": " + incident.title();

    int sent = 0;
    for (Customer customer : affected) {
      if (alreadyNotified.contains(customer.id())) {
        log.info("Skipping {} notice '{}' to customer {}: already sent", incident.id(), noticeKey, customer.id());
        continue;
      }
      Map<String, Object> personal = new HashMap<>(model);
      personal.put("customerName", customer.name());
      String messageId = incident.id() + "." + noticeKey + "." + customer.id() + "@" + messageIdDomain;
      mailer.send(new MailMessage(customer.recipient(), subject, notice.template(), personal, messageId));
      ledger.recordSent(incident.id(), noticeKey, customer);
      sent++;
    }
    log.info("{} notice '{}': mailed {} of {} affected customers", incident.id(), noticeKey, sent, affected.size());
    return sent;
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

  private static String domainOf(String from) {
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "incidentflow.local" : from.substring(at + 1).replace(">", "").strip();
    return domain.isEmpty() ? "incidentflow.local" : domain;
  }
}
