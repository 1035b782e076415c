package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Load balancers forget runtime state on reload or restart (HAProxy does). At start-up and then every few
 * seconds this puts back every change of an incident that is still rerouted, and records that it did.
 */
@Component
public class RerouteKeeper {

  private static final Logger log = LoggerFactory.getLogger(RerouteKeeper.class);

  private final TrafficChangeRepository changes;
  private final ServiceCatalog catalog;
  private final List<TrafficRouter> routers;
  private final Clock clock;
  private final TransactionTemplate transactions;

  public RerouteKeeper(TrafficChangeRepository changes, ServiceCatalog catalog, List<TrafficRouter> routers, Clock clock,
      PlatformTransactionManager transactionManager) {
    this.changes = changes;
    this.catalog = catalog;
    this.routers = routers;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void atStartUp() {
    reapplyAll();
  }

  @Scheduled(fixedDelayString = "${incidentflow.routing.reapply-interval}",
      initialDelayString = "${incidentflow.routing.reapply-interval}")
  public synchronized int reapplyAll() {
    int reapplied = 0;
    for (TrafficChange change : changes.allActive()) {
      ServiceDefinition service = catalog.find(change.serviceId()).orElse(null);
      if (service == null || routerFor(service).isEmpty()) {
        continue;
      }
      try {
        if (reapply(change, service)) {
          reapplied++;
          log.warn("{}: HAProxy had lost {}/{} {}; set it again", change.incidentId(), change.backend(), change.server(),
              change.stateAfter());
        }
      } catch (RuntimeException e) {
        log.warn("{}: cannot check {}/{} on HAProxy now ({}); next round retries", change.incidentId(),
            change.backend(), change.server(), e.getMessage());
      }
    }
    return reapplied;
  }

  /**
   * Sets the change again if HAProxy lost it, under a lock on its row: a fail-back running at this moment holds
   * that lock, so the change is either restored already (and left alone) or is restored after this.
   */
  boolean reapply(TrafficChange change, ServiceDefinition service) {
    return Boolean.TRUE.equals(transactions.execute(status -> {
      if (changes.lockIfActive(change.id()).isEmpty()) {
        return false;
      }
      if (!routerFor(service).orElseThrow().reapply(change, service)) {
        return false;
      }
      changes.markReapplied(change.id(), clock.instant());
      return true;
    }));
  }

  private Optional<TrafficRouter> routerFor(ServiceDefinition service) {
    return routers.stream().filter(router -> router.supports(service)).findFirst();
  }
}
