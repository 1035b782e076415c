package io.incidentflow.review;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.Incident;
import io.incidentflow.incident.IncidentRepository;
import io.incidentflow.reporting.ReportingProperties;
import io.incidentflow.sla.SlaClocks;
import io.incidentflow.timeline.IncidentTimeline;
import io.incidentflow.timeline.TimelineStep;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/** Writes the review document from the incident's records and keeps it with the incident (incident_review). */
@Service
public class ReviewDocuments {

  private final IncidentRepository incidents;
  private final ServiceCatalog catalog;
  private final SlaClocks slas;
  private final IncidentTimeline timeline;
  private final ActionItemRepository actionItems;
  private final ReviewRepository reviews;
  private final ReportingProperties reporting;
  private final ReviewProperties properties;
  private final Clock clock;

  public ReviewDocuments(IncidentRepository incidents, ServiceCatalog catalog, SlaClocks slas,
      IncidentTimeline timeline, ActionItemRepository actionItems, ReviewRepository reviews,
      ReportingProperties reporting, ReviewProperties properties, Clock clock) {
    this.incidents = incidents;
    this.catalog = catalog;
    this.slas = slas;
    this.timeline = timeline;
    this.actionItems = actionItems;
    this.reviews = reviews;
    this.reporting = reporting;
    this.properties = properties;
    this.clock = clock;
  }

  /** Writes and keeps the document; @param answers the review's answers (process variables) */
  ReviewDocument.Written write(String incidentId, String commander, Function<String, Object> answers) {
    Incident incident = incidents.findById(incidentId)
        .orElseThrow(() -> new IllegalStateException("No incident " + incidentId + " to write the review of"));
    Optional<ServiceDefinition> service = catalog.find(incident.serviceId());
    ReviewRepository.Review meeting =
        reviews.find(incidentId).filter(review -> review.meetingStart() != null).orElse(null);
    ReviewDocument.Written written = ReviewDocument.write(new ReviewDocument.Facts(incident,
        service.map(ServiceDefinition::name).orElse(incident.serviceId()), commander, meeting, answers,
        slas.of(incidentId), timeline.of(incidentId), actionItems.ofIncident(incidentId),
        service.map(ServiceDefinition::costPerMinute).orElse(null), reporting.currency(), properties.timeZone()));
    reviews.saveDocument(incidentId, written.markdown(), written.html(), clock.instant());
    return written;
  }

  /** The incident's timeline as a Markdown table, for the review's form (variable changes left out). */
  String timelineMarkdown(String incidentId) {
    List<TimelineStep> steps = timeline.of(incidentId);
    return ReviewDocument.timeline(steps, properties.timeZone());
  }

  /** Whether the incident's review has ended with its document. */
  public boolean hasDocument(String incidentId) {
    return find(incidentId).isPresent();
  }

  /** The kept document, if the review has ended. */
  Optional<ReviewDocument.Written> find(String incidentId) {
    return reviews.find(incidentId).filter(review -> review.markdown() != null)
        .map(review -> new ReviewDocument.Written(review.markdown(), review.html()));
  }
}
