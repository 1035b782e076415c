package io.incidentflow.statuspage;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.Incident;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.incident.IncidentStatus;
import io.incidentflow.notify.CustomerNotifier;
import io.incidentflow.notify.PublicUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Derives the status page from customer-facing incidents (given a public title at scope) and what customers
 * were told: a service's status from the severity of those incidents, an incident's status from the last
 * update. Internal incidents, alert summaries and staff mail never reach it.
 */
@Service
public class StatusPageService {

  static final int HISTORY_DAYS = 90;
  /** Resolved incidents stay on the page this long. */
  static final Duration RECENTLY_RESOLVED = Duration.ofDays(1);

  /** Statuspage's component statuses, best first. */
  static final List<String> SERVICE_STATUSES =
      List.of("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage");

  private final IncidentService incidents;
  private final CustomerNotifier notices;
  private final ServiceCatalog catalog;
  private final Clock clock;

  public StatusPageService(IncidentService incidents, CustomerNotifier notices, ServiceCatalog catalog, Clock clock) {
    this.incidents = incidents;
    this.notices = notices;
    this.catalog = catalog;
    this.clock = clock;
  }

  public StatusPage current() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant historyStart = today.minusDays(HISTORY_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Incident> rows = incidents.publicOpenOrResolvedSince(historyStart);

    List<String> shown = rows.stream()
        .filter(row -> row.resolvedAt() == null || row.resolvedAt().isAfter(now.minus(RECENTLY_RESOLVED)))
        .map(Incident::id).toList();
    Map<String, List<PublicUpdate>> sent = new HashMap<>();
    notices.publicUpdatesOf(shown)
        .forEach(notice -> sent.computeIfAbsent(notice.incidentId(), k -> new ArrayList<>()).add(notice));

    List<StatusPage.PublicIncident> incidents = new ArrayList<>();
    for (Incident row : rows) {
      if (!shown.contains(row.id())) {
        continue;
      }
      List<StatusPage.Update> updates = new ArrayList<>();
      updates.add(new StatusPage.Update(row.openedAt(), "investigating", "We are investigating a problem with "
          + serviceName(row.serviceId()) + "."));
      for (PublicUpdate update : sent.getOrDefault(row.id(), List.of())) {
        updates.add(new StatusPage.Update(update.publishedAt(), statusOf(update.noticeKey()), update.text()));
      }
      String status = row.resolvedAt() != null ? "resolved" : updates.get(updates.size() - 1).status();
      if (row.resolvedAt() != null && !"resolved".equals(updates.get(updates.size() - 1).status())) {
        updates.add(new StatusPage.Update(row.resolvedAt(), "resolved", "This incident has been resolved."));
      }
      Collections.reverse(updates);
      incidents.add(new StatusPage.PublicIncident(row.id(), row.publicTitle(), row.serviceId(), serviceName(row.serviceId()),
          impactOf(row.severity()), status, row.openedAt(), row.resolvedAt(), List.copyOf(updates)));
    }

    List<StatusPage.ServiceStatus> services = new ArrayList<>();
    for (ServiceDefinition service : catalog.customerFacing()) {
      String current = rows.stream().filter(row -> row.serviceId().equals(service.id()) && row.status() == IncidentStatus.OPEN)
          .map(row -> componentStatusOf(row.severity())).reduce("operational", StatusPageService::worse);
      List<StatusPage.Day> history = new ArrayList<>();
      for (int i = HISTORY_DAYS - 1; i >= 0; i--) {
        LocalDate day = today.minusDays(i);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(1));
        String worst = rows.stream().filter(row -> row.serviceId().equals(service.id()))
            .filter(row -> row.openedAt().isBefore(end) && (row.resolvedAt() == null || row.resolvedAt().isAfter(start)))
            .map(row -> componentStatusOf(row.severity())).reduce("operational", StatusPageService::worse);
        history.add(new StatusPage.Day(day, worst));
      }
      services.add(new StatusPage.ServiceStatus(service.id(), service.name(), current, history));
    }
    String overall = services.stream().map(StatusPage.ServiceStatus::status).reduce("operational", StatusPageService::worse);
    return new StatusPage(now, overall, services, incidents);
  }

  private String serviceName(String serviceId) {
    return catalog.find(serviceId).map(ServiceDefinition::name).orElse(serviceId);
  }

  /** Incident status from the last notice: what customers were told. */
  static String statusOf(String noticeKey) {
    if (noticeKey.equals("resolved")) {
      return "resolved";
    }
    if (noticeKey.equals("workaround") || noticeKey.startsWith("update")) {
      return noticeKey.equals("workaround") ? "monitoring" : "identified";
    }
    return "identified";
  }

  static String componentStatusOf(String severity) {
    if (severity == null) {
      return "degraded_performance";
    }
    return switch (severity) {
      case "SEV1" -> "major_outage";
      case "SEV2" -> "partial_outage";
      default -> "degraded_performance";
    };
  }

  static String impactOf(String severity) {
    if (severity == null) {
      return "minor";
    }
    return switch (severity) {
      case "SEV1" -> "critical";
      case "SEV2" -> "major";
      case "SEV3" -> "minor";
      default -> "none";
    };
  }

  static String worse(String a, String b) {
    return SERVICE_STATUSES.indexOf(a) >= SERVICE_STATUSES.indexOf(b) ? a : b;
  }
}
