package io.incidentflow.statuspage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the public status page shows, in Statuspage's vocabulary. Nothing internal: no names of staff, no
 * alert payloads, only what affected customers were told.
 */
public record StatusPage(Instant generatedAt, String overall, List<ServiceStatus> services, List<PublicIncident> incidents) {

  /** A service with its current status and its last 90 days. */
  public record ServiceStatus(String id, String name, String status, List<Day> history) {}

  /** One day of a service: the worst status an incident gave it. */
  public record Day(LocalDate date, String status) {}

  /** An open (or recently resolved) incident as the public sees it. */
  public record PublicIncident(String id, String title, String serviceId, String serviceName, String impact,
      String status, Instant startedAt, Instant resolvedAt, List<Update> updates) {}

  /** A timestamped update, the same text customers received. */
  public record Update(Instant at, String status, String text) {}
}
