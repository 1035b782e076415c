package io.incidentflow.notify;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.customer.Customer;
import io.incidentflow.customer.CustomerDirectory;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.OutboxMail;
import io.incidentflow.mail.RecipientKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Communicate: one notice to every customer subscribed to an affected service, each customer once. */
@Service
public class CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

  private final MailOutbox outbox;
  private final CustomerDirectory directory;
  private final ServiceCatalog catalog;

  public CustomerNotifier(MailOutbox outbox, CustomerDirectory directory, ServiceCatalog catalog) {
    this.outbox = outbox;
    this.directory = directory;
    this.catalog = catalog;
  }

  /**
   * Puts the notice in the outbox for every customer subscribed to an affected service, in the caller's
   * transaction.
   *
   * @param noticeKey unique per incident: {@code confirmed}, {@code update-3}, ...; a key enqueued before for
   *     a customer is not enqueued for that customer again
   * @param details template values of this notice (e.g. {@code workaroundDescription})
   * @return how many deliveries were added
   */
  public int notifyAffectedCustomers(IncidentSnapshot incident, Notice notice, String noticeKey,
      Map<String, Object> details) {
    Map<String, Object> model = new HashMap<>(details);
    model.put("incident", incident.mailModel(notice.status()));
    model.put("affectedServices", incident.affectedServiceIds().stream().map(this::serviceName).toList());
    List<Customer> customers = directory.subscribersOf(incident.affectedServiceIds(), notice == Notice.UPDATE);
    int added = outbox.enqueue(incident.id(), noticeKey, RecipientKind.CUSTOMER, notice.template(),
        notice.subjectPrefix() + ": " + incident.title(), model,
        customers.stream().map(Customer::outboxRecipient).toList());
    log.info("{} notice '{}': {} customer mail(s) put in the outbox", incident.id(), noticeKey, added);
    return added;
  }

  /** The notices of these incidents, oldest first, whether or not a customer was subscribed. */
  public List<OutboxMail> noticesOf(Collection<String> incidentIds) {
    return outbox.mailsOf(incidentIds, RecipientKind.CUSTOMER);
  }

  private String serviceName(String serviceId) {
    return catalog.find(serviceId).map(ServiceDefinition::name).orElse(serviceId);
  }
}
