package io.incidentflow.timeline;

import io.incidentflow.intake.AlertRepository;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.OutboxDelivery;
import io.incidentflow.mail.RecipientKind;
import io.incidentflow.oncall.PageAttempt;
import io.incidentflow.oncall.PageAttemptRepository;
import io.incidentflow.routing.TrafficChange;
import io.incidentflow.routing.TrafficChangeRepository;
import io.incidentflow.sla.SlaClock;
import io.incidentflow.sla.SlaClockView;
import io.incidentflow.sla.SlaClocks;
import io.incidentflow.timeline.TimelineStep.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The steps IncidentFlow's own tables record of an incident, read through the features that own them: alerts
 * received, pages, reroutes, customer notices sent and the SLA clocks (reminded, breached, met or missed).
 */
@Component
class RecordSteps {

  private final AlertRepository alerts;
  private final PageAttemptRepository pages;
  private final TrafficChangeRepository trafficChanges;
  private final MailOutbox outbox;
  private final SlaClocks slaClocks;

  RecordSteps(AlertRepository alerts, PageAttemptRepository pages, TrafficChangeRepository trafficChanges,
      MailOutbox outbox, SlaClocks slaClocks) {
    this.alerts = alerts;
    this.pages = pages;
    this.trafficChanges = trafficChanges;
    this.outbox = outbox;
    this.slaClocks = slaClocks;
  }

  List<TimelineStep> steps(String incidentId) {
    List<TimelineStep> steps = new ArrayList<>();
    alerts.receivedFor(incidentId).forEach(alert -> steps.add(TimelineStep.of(alert.receivedAt(), Kind.ALERT,
        alert.source().name().toLowerCase() + " " + alert.status().name().toLowerCase() + ": " + alert.summary()
            + " (" + alert.outcome().toLowerCase() + ")", null)));
    pages.of(incidentId).forEach(page -> steps.add(TimelineStep.of(page.at(), Kind.PAGE, page(page), page.userId())));
    for (TrafficChange change : trafficChanges.ofIncident(incidentId)) {
      String server = change.backend() + "/" + change.server();
      steps.add(TimelineStep.of(change.changedAt(), Kind.REROUTE,
          server + ": " + change.stateBefore() + " -> " + change.stateAfter(), null));
      if (change.restoredAt() != null) {
        steps.add(TimelineStep.of(change.restoredAt(), Kind.REROUTE, server + ": back to " + change.stateBefore(),
            null));
      }
    }
    steps.addAll(customerMails(incidentId));
    slaClocks.of(incidentId).forEach(clock -> steps.addAll(sla(clock)));
    return TimelineOrder.merge(steps);
  }

  private static String page(PageAttempt page) {
    return "Level " + page.level() + " (round " + page.round() + "): " + page.target()
        + (page.channel() == null ? "" : " by " + page.channel()) + ", "
        + page.outcome().name().toLowerCase().replace('_', ' ');
  }

  /** One step per notice, when its first delivery was sent, with how many customers it reached. */
  private List<TimelineStep> customerMails(String incidentId) {
    Map<String, List<OutboxDelivery>> byNotice = new LinkedHashMap<>();
    outbox.deliveriesOf(incidentId, RecipientKind.CUSTOMER)
        .forEach(delivery -> byNotice.computeIfAbsent(delivery.mailKey(), key -> new ArrayList<>()).add(delivery));
    List<TimelineStep> steps = new ArrayList<>();
    byNotice.forEach((notice, deliveries) -> {
      List<Instant> sent = deliveries.stream().map(OutboxDelivery::sentAt).filter(Objects::nonNull).sorted().toList();
      if (!sent.isEmpty()) {
        steps.add(TimelineStep.of(sent.get(0), Kind.CUSTOMER_MAIL, "Customer notice '" + notice + "' sent to "
            + sent.size() + " of " + deliveries.size() + " customers", null));
      }
    });
    return steps;
  }

  /** The clock's own verdict (sla.SlaClock#state): met or missed once stopped; reminded and breached on the way. */
  private static List<TimelineStep> sla(SlaClockView clock) {
    String name = "SLA " + clock.clock() + " (target " + clock.target() + ", " + clock.calendar() + ")";
    List<TimelineStep> steps = new ArrayList<>();
    if (clock.warnedAt() != null) {
      steps.add(new TimelineStep(clock.warnedAt(), Kind.SLA, name + ": reminder", null, clock.dueAt(), null));
    }
    if (clock.breachedAt() != null) {
      steps.add(new TimelineStep(clock.breachedAt(), Kind.SLA, name + ": breached", null, clock.dueAt(), false));
    }
    if (clock.managersToldAt() != null) {
      steps.add(new TimelineStep(clock.managersToldAt(), Kind.SLA, name + ": managers told", null, clock.dueAt(),
          false));
    }
    if (clock.stoppedAt() != null) {
      boolean met = clock.state() == SlaClock.State.MET;
      steps.add(new TimelineStep(clock.stoppedAt(), Kind.SLA, name + ": " + (met ? "met" : "missed"), null,
          clock.dueAt(), met));
    }
    return steps;
  }
}
