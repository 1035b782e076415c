package io.incidentflow.notify;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.customer.Customer;
import io.incidentflow.customer.CustomerDirectory;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.RecipientKind;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Communicate: one notice to every customer subscribed to an affected service, each customer once. */
@Service
public class CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

  private final MailOutbox outbox;
  private final CustomerDirectory directory;
  private final PublicUpdates publicUpdates;
  private final ServiceCatalog catalog;
  private final Clock clock;

  public CustomerNotifier(MailOutbox outbox, CustomerDirectory directory, PublicUpdates publicUpdates,
      ServiceCatalog catalog, Clock clock) {
    this.outbox = outbox;
    this.directory = directory;
    this.publicUpdates = publicUpdates;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Puts the notice in the outbox for every customer subscribed to an affected service, in the caller's
   * transaction, and records its public text for the status page.
   *
   * @param noticeKey unique per incident: {@code confirmed}, {@code update-3}, ...; a key enqueued before for
   *     a customer is not enqueued for that customer again
   * @param details template values of this notice (e.g. {@code workaroundNotice})
   * @return how many deliveries were added
   */
  public int notifyAffectedCustomers(IncidentSnapshot incident, Notice notice, String noticeKey,
      Map<String, Object> details) {
    Map<String, Object> model = new HashMap<>(details);
    model.put("incident", incident.publicMailModel(notice.status()));
    model.put("affectedServices", incident.affectedServiceIds().stream().map(this::serviceName).toList());
    List<Customer> customers = directory.subscribersOf(incident.affectedServiceIds(), notice == Notice.UPDATE);
    int added = outbox.enqueue(incident.id(), noticeKey, RecipientKind.CUSTOMER, notice.template(),
        notice.subjectPrefix() + ": " + incident.publicTitleOrGeneric(), model,
        customers.stream().map(Customer::outboxRecipient).toList());
    publicUpdates.record(incident.id(), noticeKey, publicText(incident, notice, details), clock.instant());
    log.info("{} notice '{}': {} customer mail(s) put in the outbox", incident.id(), noticeKey, added);
    return added;
  }

  /** What customers were told about these incidents, oldest first, whether or not a customer was subscribed. */
  public List<PublicUpdate> publicUpdatesOf(Collection<String> incidentIds) {
    return publicUpdates.of(incidentIds);
  }

  /**
   * The text the public may read of a notice: what communications wrote for customers (the public message, a
   * customer update, the workaround notice, the all-clear), else a fixed sentence. Technicians' notes never
   * reach customers or the public.
   */
  static String publicText(IncidentSnapshot incident, Notice notice, Map<String, Object> details) {
    return switch (notice) {
      case CONFIRMED -> firstWritten(details, IncidentVariables.PUBLIC_MESSAGE, IncidentVariables.IMPACT_DESCRIPTION)
          .orElse("We are investigating a disruption of " + incident.serviceName() + ".");
      case UPDATE -> firstWritten(details, IncidentVariables.UPDATE_TEXT)
          .orElse("We are still working on the disruption.");
      case WORKAROUND -> firstWritten(details, IncidentVariables.WORKAROUND_NOTICE)
          .orElse("A workaround is in place while we work on a fix.");
      case RESOLVED -> firstWritten(details, IncidentVariables.ALL_CLEAR_NOTICE).orElse("This incident has been resolved.");
    };
  }

  private static Optional<String> firstWritten(Map<String, Object> details, String... keys) {
    for (String key : keys) {
      if (details.get(key) instanceof String text && !text.isBlank()) {
        return Optional.of(text.strip());
      }
    }
    return Optional.empty();
  }

  private String serviceName(String serviceId) {
    return catalog.find(serviceId).map(ServiceDefinition::name).orElse(serviceId);
  }
}
