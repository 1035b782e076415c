package io.incidentflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IncidentFlow's own records as steps: what each says, and in time order across the records. */
class RecordStepsTest {

  static final String INCIDENT = "INC-2026-0042";
  static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

  AlertRepository alerts = mock(AlertRepository.class);
  PageAttemptRepository pages = mock(PageAttemptRepository.class);
  TrafficChangeRepository trafficChanges = mock(TrafficChangeRepository.class);
  MailOutbox outbox = mock(MailOutbox.class);
  SlaClocks slaClocks = mock(SlaClocks.class);
  RecordSteps records = new RecordSteps(alerts, pages, trafficChanges, outbox, slaClocks);

  @BeforeEach
  void nothingRecorded() {
    when(alerts.receivedFor(INCIDENT)).thenReturn(List.of());
    when(pages.of(INCIDENT)).thenReturn(List.of());
    when(trafficChanges.ofIncident(INCIDENT)).thenReturn(List.of());
    when(outbox.deliveriesOf(INCIDENT, RecipientKind.CUSTOMER)).thenReturn(List.of());
    when(slaClocks.of(INCIDENT)).thenReturn(List.of());
  }

  @Test
  void shouldListAReroutedServerWhenItWasDrainedAndWhenItWasPutBack() {
    when(trafficChanges.ofIncident(INCIDENT)).thenReturn(List.of(new TrafficChange(1, INCIDENT, "checkout",
        "127.0.0.1:9999", "checkout", "primary-1", "ready", "drain", at(20), at(90), 0)));

    assertThat(records.steps(INCIDENT)).containsExactly(
        TimelineStep.of(at(20), Kind.REROUTE, "checkout/primary-1: ready -> drain", null),
        TimelineStep.of(at(90), Kind.REROUTE, "checkout/primary-1: back to ready", null));
  }

  @Test
  void shouldListAPageWithWhomItReachedAndHow() {
    when(pages.of(INCIDENT)).thenReturn(List.of(new PageAttempt(INCIDENT, 1, 2, "schedule:application-secondary",
        "tom", "email", PageAttempt.Outcome.PAGED, null, at(5))));

    assertThat(records.steps(INCIDENT)).containsExactly(TimelineStep.of(at(5), Kind.PAGE,
        "Level 2 (round 1): schedule:application-secondary by email, paged", "tom"));
  }

  @Test
  void shouldListANoticeOnceWhenItsFirstMailWentOutWithHowManyItReached() {
    when(outbox.deliveriesOf(INCIDENT, RecipientKind.CUSTOMER)).thenReturn(List.of(
        delivery("confirmed", "acme", at(11)), delivery("confirmed", "globex", at(10)),
        delivery("confirmed", "umbrella", null), delivery("update-1", "acme", null)));

    assertThat(records.steps(INCIDENT)).as("update-1 has not left the outbox: no time, no step yet").containsExactly(
        TimelineStep.of(at(10), Kind.CUSTOMER_MAIL, "Customer notice 'confirmed' sent to 2 of 3 customers", null));
  }

  @Test
  void shouldListAClocksBreachAndTheClocksOwnVerdictWhenItStopped() {
    SlaClockView resolve = view("resolve", SlaClock.State.MISSED, at(60), at(50), at(70));
    SlaClockView acknowledge = view("acknowledge", SlaClock.State.MET, at(15), null, at(4));

    assertThat(records.steps(INCIDENT)).isEmpty();
    when(slaClocks.of(INCIDENT)).thenReturn(List.of(resolve, acknowledge));
    assertThat(records.steps(INCIDENT)).containsExactly(
        new TimelineStep(at(4), Kind.SLA, "SLA acknowledge (target PT15M, 24x7): met", null, at(15), true),
        new TimelineStep(at(50), Kind.SLA, "SLA resolve (target PT15M, 24x7): breached", null, at(60), false),
        new TimelineStep(at(70), Kind.SLA, "SLA resolve (target PT15M, 24x7): missed", null, at(60), false));
  }

  private static SlaClockView view(String clock, SlaClock.State state, Instant due, Instant breached, Instant stopped) {
    return new SlaClockView(clock, state, "PT15M", "24x7", T0, due.minusSeconds(60), due, null, breached, null,
        stopped, null, Duration.ZERO, Duration.ofMinutes(1));
  }

  private static OutboxDelivery delivery(String notice, String customer, Instant sentAt) {
    return new OutboxDelivery(1, INCIDENT, notice, RecipientKind.CUSTOMER, "customer-incident-confirmed", "subject",
        "{}", customer, customer + "@example.com", customer, sentAt == null ? OutboxDelivery.Status.PENDING
        : OutboxDelivery.Status.SENT, 1, null, sentAt);
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }
}
