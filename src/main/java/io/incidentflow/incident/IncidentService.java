package io.incidentflow.incident;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Opens, resolves and closes incidents in IncidentFlow's own table. Plain Java: no engine types. */
@Service
public class IncidentService {

  private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 4000;
  /** DMN inputs: a person's SEVn or a monitoring system's severity word. */
  static final Set<String> REPORTED_SEVERITIES =
      Set.of("SEV1", "SEV2", "SEV3", "SEV4", "critical", "error", "warning", "info");
  /** Control characters other than tab and line breaks; titles allow none, since they end up in mail subjects. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\r\\n]]");
  private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n]");

  private final IncidentRepository incidents;
  private final IncidentIdGenerator ids;
  private final ServiceCatalog catalog;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public IncidentService(IncidentRepository incidents, IncidentIdGenerator ids, ServiceCatalog catalog, Clock clock,
      ApplicationEventPublisher events) {
    this.incidents = incidents;
    this.ids = ids;
    this.catalog = catalog;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Customer-facing incidents (given a public title at scope) that are open or were resolved since the given
   * time, newest first: what the status page may show.
   */
  public List<Incident> publicOpenOrResolvedSince(Instant since) {
    return incidents.publicOpenOrResolvedSince(since);
  }

  /**
   * Marks the incident customer-facing under a title a person wrote for the public.
   *
   * @return the title as stored (stripped)
   * @throws InvalidIncidentException naming the field when the title is not one line of at most 200 characters
   */
  public String publish(String incidentId, String publicTitle) {
    String title = publicTitle == null ? "" : publicTitle.strip();
    if (title.isEmpty() || title.length() > MAX_TITLE || CONTROL.matcher(title).find()
        || LINE_BREAK.matcher(title).find()) {
      throw new InvalidIncidentException(IncidentVariables.PUBLIC_TITLE,
          "must be one line of 1 to " + MAX_TITLE + " characters");
    }
    incidents.updatePublicTitle(incidentId, title);
    return title;
  }

  /** A new incident id, for callers that need it before the incident is opened (as a business key). */
  public String nextId() {
    return ids.nextId();
  }

  /** Checks a report; the exception names the first bad field. */
  public ServiceDefinition validate(IncidentReport report) {
    String title = report.title() == null ? "" : report.title().strip();
    if (title.isEmpty()) {
      throw new InvalidIncidentException(IncidentVariables.TITLE, "is required");
    }
    if (title.length() > MAX_TITLE) {
      throw new InvalidIncidentException(IncidentVariables.TITLE, "is longer than " + MAX_TITLE + " characters");
    }
    if (CONTROL.matcher(title).find() || LINE_BREAK.matcher(title).find()) {
      throw new InvalidIncidentException(IncidentVariables.TITLE, "must be one line without control characters");
    }
    if (report.description() != null) {
      if (report.description().length() > MAX_DESCRIPTION) {
        throw new InvalidIncidentException(
            IncidentVariables.DESCRIPTION, "is longer than " + MAX_DESCRIPTION + " characters");
      }
      if (CONTROL.matcher(report.description()).find()) {
        throw new InvalidIncidentException(IncidentVariables.DESCRIPTION, "contains control characters");
      }
    }
    String severity = report.reportedSeverity();
    if (severity != null && !severity.isBlank() && !REPORTED_SEVERITIES.contains(severity)) {
      throw new InvalidIncidentException(
          IncidentVariables.REPORTED_SEVERITY, "must be one of " + REPORTED_SEVERITIES + ", not '" + severity + "'");
    }
    if (report.serviceId() == null || report.serviceId().isBlank()) {
      throw new InvalidIncidentException(IncidentVariables.SERVICE_ID, "is required");
    }
    return catalog.find(report.serviceId())
        .orElseThrow(() -> new InvalidIncidentException(IncidentVariables.SERVICE_ID,
            "unknown service '" + report.serviceId() + "'; known: "
                + catalog.all().stream().map(ServiceDefinition::id).toList()));
  }

  /**
   * Stores a new open incident. Takes the given id (allocated earlier, e.g. as the business key of an
   * instance started through the API) or allocates one.
   */
  public Incident open(String incidentId, IncidentReport report, String processInstanceId) {
    validate(report);
    String id = incidentId == null || incidentId.isBlank() ? ids.nextId() : incidentId;
    Incident incident = new Incident(id, processInstanceId, report.serviceId(), report.title().strip(),
        report.description(), null, IncidentStatus.OPEN, report.customerImpact(), report.reportedBy(),
        clock.instant(), null, null, null);
    incidents.insert(incident);
    return incident;
  }

  public void recordSeverity(String incidentId, String severity) {
    incidents.updateSeverity(incidentId, severity);
  }

  /** Marks the incident resolved and tells listeners in the same transaction (intake frees its alert keys). */
  public void resolve(String incidentId) {
    incidents.markResolved(incidentId, clock.instant());
    events.publishEvent(new IncidentResolved(incidentId));
  }

  /** When the incident was first acknowledged, kept with it for the reports (the history is cleaned up). */
  public void acknowledged(String incidentId) {
    if (incidentId == null || !incidents.markAcknowledged(incidentId, clock.instant())) {
      log.warn("Acknowledgement of {} not recorded: it has no incident row", incidentId);
    }
  }

  /** When the incident's fallback was first in place, kept as {@link #acknowledged} is. */
  public void fallbackApplied(String incidentId) {
    if (incidentId == null || !incidents.markFallbackApplied(incidentId, clock.instant())) {
      log.warn("Fallback of {} not recorded: it has no incident row", incidentId);
    }
  }

  public void close(String incidentId) {
    incidents.markClosed(incidentId, clock.instant());
  }
}
