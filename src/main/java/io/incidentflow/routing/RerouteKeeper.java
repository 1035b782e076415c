package io.incidentflow.routing;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.routing.haproxy.HaproxyTrafficRouter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * HAProxy forgets runtime state on reload or restart. At start-up and then every few seconds this puts back
 * every change of an incident that is still rerouted, and records that it did.
 */
@Component
public class RerouteKeeper {

  private static final Logger log = LoggerFactory.getLogger(RerouteKeeper.class);

  private final TrafficChangeRepository changes;
  private final ServiceCatalog catalog;
  private final HaproxyTrafficRouter haproxy;
  private final Clock clock;

  public RerouteKeeper(TrafficChangeRepository changes, ServiceCatalog catalog, HaproxyTrafficRouter haproxy, Clock clock) {
    this.changes = changes;
    this.catalog = catalog;
    this.haproxy = haproxy;
    this.clock = clock;
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
      if (service == null || service.haproxy() == null) {
        continue;
      }
      try {
        if (haproxy.reapply(change, service.haproxy())) {
          changes.markReapplied(change.id(), clock.instant());
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
}
