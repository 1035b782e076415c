package io.incidentflow.statuspage;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Derives the status page from open incidents and the notices customers received: a service's status from the
 * severity of its open incidents, an incident's status from what customers were last told.
 */
@Service
public class StatusPageService {

  static final int HISTORY_DAYS = 90;
  /** Resolved incidents stay on the page this long. */
  static final Duration RECENTLY_RESOLVED = Duration.ofDays(1);

  /** Statuspage's component statuses, best first. */
  static final List<String> SERVICE_STATUSES =
      List.of("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage");

  private record Row(String id, String title, String serviceId, String severity, String status, Instant openedAt,
      Instant resolvedAt) {}

  private record NoticeRow(String incidentId, String noticeKey, String subject, Instant at) {}

  private final JdbcClient jdbc;
  private final ServiceCatalog catalog;
  private final Clock clock;

  public StatusPageService(JdbcClient jdbc, ServiceCatalog catalog, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.clock = clock;
  }

  public StatusPage current() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant historyStart = today.minusDays(HISTORY_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Row> rows = jdbc.sql("""
            SELECT id, title, service_id, severity, status, opened_at, resolved_at FROM incident
            WHERE status = 'OPEN' OR resolved_at >= :since ORDER BY opened_at DESC""")
        .param("since", Timestamp.from(historyStart))
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
        .list();

    Map<String, List<NoticeRow>> notices = new HashMap<>();
    List<String> shown = rows.stream()
        .filter(row -> row.resolvedAt() == null || row.resolvedAt().isAfter(now.minus(RECENTLY_RESOLVED)))
        .map(Row::id).toList();
    if (!shown.isEmpty()) {
      jdbc.sql("SELECT incident_id, notice_key, subject, created_at FROM notice WHERE incident_id IN (:ids) ORDER BY created_at")
          .param("ids", shown)
          .query((rs, n) -> new NoticeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
          .list().forEach(notice -> notices.computeIfAbsent(notice.incidentId(), k -> new ArrayList<>()).add(notice));
    }

    List<StatusPage.PublicIncident> incidents = new ArrayList<>();
    for (Row row : rows) {
      if (!shown.contains(row.id())) {
        continue;
      }
      List<StatusPage.Update> updates = new ArrayList<>();
      updates.add(new StatusPage.Update(row.openedAt(), "investigating", "We are investigating a problem with "
          + serviceName(row.serviceId()) + "."));
      for (NoticeRow notice : notices.getOrDefault(row.id(), List.of())) {
        updates.add(new StatusPage.Update(notice.at(), statusOf(notice.noticeKey()), notice.subject()));
      }
      String status = row.resolvedAt() != null ? "resolved" : updates.get(updates.size() - 1).status();
      if (row.resolvedAt() != null && !"resolved".equals(updates.get(updates.size() - 1).status())) {
        updates.add(new StatusPage.Update(row.resolvedAt(), "resolved", "This incident has been resolved."));
      }
      java.util.Collections.reverse(updates);
      incidents.add(new StatusPage.PublicIncident(row.id(), row.title(), row.serviceId(), serviceName(row.serviceId()),
          impactOf(row.severity()), status, row.openedAt(), row.resolvedAt(), List.copyOf(updates)));
    }

    List<StatusPage.ServiceStatus> services = new ArrayList<>();
    for (ServiceDefinition service : catalog.all()) {
      String current = rows.stream().filter(row -> row.serviceId().equals(service.id()) && "OPEN".equals(row.status()))
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
