package io.incidentflow.incidentpage;

import io.incidentflow.review.ActionItemRepository;
import io.incidentflow.review.ReviewDocuments;
import java.time.Clock;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.Incident;
import io.incidentflow.incident.IncidentRepository;
import io.incidentflow.sla.SlaClocks;
import io.incidentflow.timeline.IncidentTimeline;
import io.incidentflow.timeline.TimelineStep;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Puts an incident's page together from the features that own each part: the incident table (header), the SLA
 * clocks, the timeline, the diagram and the review's action items. Running and finished incidents alike.
 */
@Service
class IncidentPages {

  static final String NONE = "–";

  private final IncidentDiagrams diagrams;
  private final IncidentTimeline timeline;
  private final SlaClocks slaClocks;
  private final IncidentRepository incidents;
  private final ServiceCatalog catalog;
  private final ActionItemRepository actionItems;
  private final ReviewDocuments reviews;
  private final Clock clock;

  IncidentPages(IncidentDiagrams diagrams, IncidentTimeline timeline, SlaClocks slaClocks,
      IncidentRepository incidents, ServiceCatalog catalog, ActionItemRepository actionItems, ReviewDocuments reviews,
      Clock clock) {
    this.actionItems = actionItems;
    this.reviews = reviews;
    this.clock = clock;
    this.diagrams = diagrams;
    this.timeline = timeline;
    this.slaClocks = slaClocks;
    this.incidents = incidents;
    this.catalog = catalog;
  }

  /** @throws io.incidentflow.timeline.UnknownIncidentException when no incident has that id */
  IncidentPage of(String incidentId) {
    HistoricProcessInstance instance = diagrams.instance(incidentId);
    List<TimelineStep> steps = timeline.of(incidentId);
    // An incident the engine started but did not register yet (its first transaction) has no row: the page says so.
    Optional<Incident> incident = incidents.findById(incidentId);
    String acknowledged = steps.stream().filter(step -> step.kind() == TimelineStep.Kind.ACKNOWLEDGED).findFirst()
        .map(step -> IncidentPage.time(step.at())).orElse(NONE);
    return new IncidentPage(incidentId,
        incident.map(Incident::title).orElse(NONE),
        incident.map(Incident::serviceId).map(id -> catalog.find(id).map(ServiceDefinition::name).orElse(id))
            .orElse(NONE),
        incident.map(Incident::severity).orElse(NONE),
        incident.map(i -> i.status().name()).orElse(NONE),
        instance.getEndTime() == null ? "running" : "finished " + IncidentPage.time(instance.getEndTime().toInstant()),
        incident.map(i -> IncidentPage.time(i.openedAt()))
            .orElse(IncidentPage.time(instance.getStartTime().toInstant())),
        acknowledged,
        incident.map(i -> IncidentPage.time(i.resolvedAt())).filter(time -> !time.isEmpty()).orElse(NONE),
        incident.map(i -> IncidentPage.time(i.closedAt())).filter(time -> !time.isEmpty()).orElse(NONE),
        slaClocks.of(incidentId).stream().map(IncidentPage.Sla::of).toList(),
        steps.stream().map(IncidentPage.Step::of).toList(),
        diagrams.svg(incidentId, instance),
        actionItems.ofIncident(incidentId).stream().map(item -> IncidentPage.Item.of(item, clock.instant())).toList(),
        reviews.hasDocument(incidentId));
  }
}
