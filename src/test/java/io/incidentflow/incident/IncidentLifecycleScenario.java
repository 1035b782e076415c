package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.incidentflow.JobDriver;
import io.incidentflow.TaskWorker;
import io.incidentflow.review.ReviewWorker;
import io.incidentflow.TestSmtp;
import io.incidentflow.intake.Alert;
import io.incidentflow.intake.AlertIntakeService;
import io.incidentflow.intake.AlertOutcome;
import io.incidentflow.intake.AlertSource;
import io.incidentflow.intake.AlertStatus;
import io.incidentflow.mail.OutboxDelivery;
import io.incidentflow.mail.OutboxRepository;
import io.incidentflow.mail.RecipientKind;
import io.incidentflow.sla.SlaBreach;
import io.incidentflow.sla.SlaBreachRepository;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One incident from report to review through the whole application: the real delegates, the database
 * (subclasses choose which), the demo customer directory and a real SMTP server. The job executor is off;
 * the test runs due jobs and moves the engine's clock.
 */
// Closed before the JVM exits, so that the engine undeploys while its database is still up.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class IncidentLifecycleScenario {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    TestSmtp.register(registry);
  }

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired SlaBreachRepository breaches;
  @Autowired IncidentRepository incidents;
  @Autowired JdbcClient jdbc;
  @Autowired JobDriver jobs;
  @Autowired TaskWorker worker;
  @Autowired ReviewWorker reviews;
  @Autowired OutboxRepository outbox;
  @Autowired AlertIntakeService intake;

  @BeforeEach
  void startClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void shouldRunAnIncidentFromReportToReviewAndTellExactlyTheAffectedCustomers() throws Exception {
    // Ivy reports a checkout outage that customers feel.
    worker.logIn("ivy");
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().variables());
    identity.clearAuthentication();
    String incidentId = instance.getBusinessKey();
    String pi = instance.getId();
    assertThat(incidentId).matches("INC-\\d{4}-\\d{4,}");
    assertThat(runtime.getVariable(pi, INCIDENT_ID)).isEqualTo(incidentId);

    // Identify: the application rotation is paged, level by level (escalation-policy.dmn).
    jobs.runDueJobs(pi);
    Task acknowledge = worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(tasks.getIdentityLinksForTask(acknowledge.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("application"));

    // Nobody acknowledges within SEV2's 15 minutes: the application group is reminded at 75 %, the incident
    // managers are told at the target (sla-escalation.bpmn), and the task stays open.
    jobs.advanceClock(Duration.ofMinutes(12));
    jobs.runDueJobs(pi);
    jobs.advanceClock(Duration.ofMinutes(4));
    jobs.runDueJobs(pi);
    List<SlaBreach> recorded = breaches.findByIncident(incidentId);
    assertThat(recorded).singleElement().satisfies(breach -> {
      assertThat(breach.taskKey()).isEqualTo(TASK_ACKNOWLEDGE_INCIDENT);
      assertThat(breach.taskName()).isEqualTo("Acknowledge incident");
      assertThat(breach.target()).isEqualTo("PT15M");
      assertThat(Duration.between(breach.startedAt(), breach.breachedAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
    });
    assertThat(worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getPriority()).isEqualTo(100);

    // Paging handed the task to whoever the application rotation had on call when it last reached one person.
    String onCall = worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee();
    assertThat(onCall).isIn("tom", "amy");
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, onCall, Map.of(ACKNOWLEDGEMENT_NOTE, "On it"));

    // Scope: checkout and login are affected.
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(
        AFFECTED_SERVICES, SpinValues.jsonValue(Spin.JSON("[\"checkout\",\"login\"]")).create(),
        CUSTOMER_IMPACT, true,
        SEVERITY, "SEV2",
        IMPACT_DESCRIPTION, "Card payments fail",
        PUBLIC_TITLE, "Card payments fail"));
    jobs.runDueJobs(pi);

    // Resolve or fall back: the technician cannot fix it now; no router is configured, so a manual workaround.
    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    jobs.runDueJobs(pi);
    assertThat((String) runtime.getVariable(pi, FALLBACK_FAILURE_REASON)).contains("No traffic router is configured");
    worker.complete(pi, TASK_APPLY_WORKAROUND, "tom", Map.of(WORKAROUND_DESCRIPTION,
        "Switched checkout to invoice-only in the admin console (pgw-1.internal is down)"));
    // Customers hear of it in the words of communications; the technician's note stays internal.
    worker.complete(pi, TASK_WRITE_WORKAROUND_NOTICE, "cora", Map.of(WORKAROUND_NOTICE, "Pay by invoice until further notice"));
    jobs.runDueJobs(pi);

    // An hour later (SEV2's update cadence) the communications lead writes a status update, an incident
    // manager approves it (SEV2), and customers get it.
    jobs.advanceClock(Duration.ofMinutes(61));
    jobs.runDueJobs(pi);
    worker.complete(pi, TASK_WRITE_CUSTOMER_UPDATE, "cora", Map.of(UPDATE_TEXT, "The payment provider is restoring card payments."));
    worker.complete(pi, TASK_APPROVE_CUSTOMER_UPDATE, "ivy", Map.of(UPDATE_APPROVED, true));
    jobs.runDueJobs(pi);

    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
        RESOLUTION_SUMMARY, "Renewed the payment provider certificate"));
    worker.complete(pi, TASK_WRITE_ALL_CLEAR, "cora", Map.of(ALL_CLEAR_NOTICE, "Card payments work again. Thank you for your patience."));
    jobs.runDueJobs(pi);
    assertThat(incidents.findById(incidentId)).get().satisfies(incident -> {
      assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(incident.resolvedAt()).isNotNull();
      assertThat(incident.severity()).isEqualTo("SEV2");
    });

    // The review (post-incident-review.bpmn): Ivy schedules and holds it; its form shows what customers were told.
    String review = reviews.reviewOf(pi);
    reviews.holdWithoutActionItems(pi, "ivy", "Certificate expired");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(review).variableName(NOTICES_SENT)
        .singleResult().getValue()).isEqualTo("confirmed: 3 sent\nresolved: 3 sent\nupdate-1: 3 sent\nworkaround: 3 sent");
    jobs.assertNoFailedJobs(pi);
    jobs.assertNoFailedJobs(review);

    // Exactly these mails went out: the review's invitation to everyone who worked the incident, and before it
    String title = "Card payments fail";
    Map<String, List<String>> mailsByRecipient = mailsByRecipient();
    Map<String, List<String>> invitations = new TreeMap<>();
    mailsByRecipient.forEach((to, subjects) -> subjects.stream()
        .filter(subject -> subject.startsWith("Invitation: post-incident review of " + incidentId + " – " + title))
        .forEach(subject -> invitations.computeIfAbsent(to, key -> new java.util.ArrayList<>()).add(subject)));
    assertThat(invitations).as("one invitation each").containsOnlyKeys("ivy@incidentflow.local", "tom@incidentflow.local",
        onCall + "@incidentflow.local", "cora@incidentflow.local").allSatisfy((to, subjects) -> assertThat(subjects).hasSize(1));
    mailsByRecipient.values().forEach(subjects -> subjects.removeIf(subject -> subject.startsWith("Invitation: ")));
    mailsByRecipient.values().removeIf(List::isEmpty);
    List<String> customerNotices = List.of("Service disruption: " + title, "Workaround available: " + title,
        "Update on the service disruption: " + title, "Resolved: " + title);
    assertThat(mailsByRecipient).containsOnlyKeys("tom@incidentflow.local", "amy@incidentflow.local",
        "ivy@incidentflow.local", "ops@acme.example", "it@globex.example", "noc@umbrella.example");
    String reminder = "[SEV2] SLA target approaching: Acknowledge incident on " + incidentId;
    assertThat(mailsByRecipient.get("tom@incidentflow.local"))
        .containsExactly("[SEV2] " + incidentId + " paged: " + title, reminder);
    assertThat(mailsByRecipient.get("amy@incidentflow.local")).as("the application group's other technician")
        .containsExactly("[SEV2] " + incidentId + " paged: " + title, reminder);
    assertThat(mailsByRecipient.get("ivy@incidentflow.local"))
        .containsExactly("[SEV2] SLA breached: Acknowledge incident on " + incidentId);
    assertThat(mailsByRecipient.get("ops@acme.example")).containsExactlyElementsOf(customerNotices);
    assertThat(mailsByRecipient.get("it@globex.example")).containsExactlyElementsOf(customerNotices);
    assertThat(mailsByRecipient.get("noc@umbrella.example")).containsExactlyElementsOf(customerNotices);
    assertThat(messageIdsTo("ops@acme.example")).contains("<" + incidentId + ".confirmed.acme@incidentflow.local>",
        "<" + incidentId + ".update-1.acme@incidentflow.local>");
    assertThat(bodyTo("ops@acme.example", "Workaround available: " + title)).contains("Pay by invoice until further notice")
        .doesNotContain("pgw-1.internal");
    assertThat(bodyTo("ops@acme.example", "Resolved: " + title)).contains("Card payments work again.")
        .doesNotContain("certificate");
    assertThat(bodyTo("ops@acme.example", "Update on the service disruption: " + title))
        .contains("The payment provider is restoring card payments.");

    // The finished instance's history is the audit trail.
    HistoricProcessInstance finished = history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
    assertThat(finished.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(finished.getBusinessKey()).isEqualTo(incidentId);
    assertThat(finished.getStartUserId()).isEqualTo("ivy");
    List<String> activities = history.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
    assertThat(activities).containsSubsequence(START_INCIDENT_REPORTED, TASK_REGISTER_INCIDENT, TASK_CLASSIFY_INCIDENT,
        SUBPROCESS_IDENTIFY, TASK_ACKNOWLEDGE_INCIDENT, TASK_SCOPE_INCIDENT, TASK_APPLY_CONFIRMED_SEVERITY,
        SUBPROCESS_RESOLUTION, TASK_RESOLVE_INCIDENT, TASK_REROUTE_TRAFFIC,
        TASK_APPLY_WORKAROUND, TASK_NOTIFY_WORKAROUND, END_RESOLVED,
        TASK_RECORD_RESOLUTION, TASK_NOTIFY_ALL_CLEAR, CALL_POST_INCIDENT_REVIEW, TASK_CLOSE_INCIDENT, END_INCIDENT_CLOSED);
    // The first notice goes out beside the resolution (incident.bpmn: "Tell customers meanwhile").
    assertThat(activities).contains(TASK_NOTIFY_INCIDENT_CONFIRMED, END_CUSTOMERS_TOLD, CALL_PAGE_RESPONDERS,
        END_ACKNOWLEDGED, TIMER_ACKNOWLEDGE_SLA,
        TASK_ESCALATE_ACKNOWLEDGE_SLA, START_CUSTOMER_UPDATE_DUE,
        TASK_WRITE_CUSTOMER_UPDATE, TASK_APPROVE_CUSTOMER_UPDATE, TASK_SEND_CUSTOMER_UPDATE);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi).taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT)
        .singleResult().getAssignee()).isEqualTo(onCall);
    // Classified twice (at start and at scope); each time the targets decision and the one it requires.
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(pi).count()).isEqualTo(4);
    assertThat(incidents.findById(incidentId)).get().extracting(Incident::status).isEqualTo(IncidentStatus.CLOSED);
    assertThat(outbox.deliveriesOf(incidentId, RecipientKind.CUSTOMER)).hasSize(12)
        .allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(OutboxDelivery.Status.SENT));
  }

  @Test
  void shouldGiveEachIncidentItsOwnId() {
    String first = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getBusinessKey();
    String second = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getBusinessKey();

    assertThat(first).isNotEqualTo(second);
    assertThat(incidents.findById(first)).isPresent();
    assertThat(incidents.findById(second)).isPresent();
  }

  @Test
  void shouldOpenOneIncidentForAnAlertSentTwiceAndRegisterItFromTheStoredAlert() {
    String key = AlertSource.GENERIC.scopedKey("lifecycle-" + System.nanoTime());
    Alert alert = new Alert(AlertSource.GENERIC, key, AlertStatus.FIRING, "checkout", "critical",
        "Checkout answers 503", "Since the 14:02 deploy", true, null, "{\"dedupKey\":\"lifecycle\"}");

    AlertOutcome first = intake.receive(alert);
    AlertOutcome repeat = intake.receive(alert);

    assertThat(first.outcome()).isEqualTo(AlertOutcome.Outcome.OPENED);
    assertThat(repeat.outcome()).isEqualTo(AlertOutcome.Outcome.CORRELATED);
    assertThat(repeat.incidentId()).isEqualTo(first.incidentId());
    List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(first.incidentId())
        .list();
    assertThat(instances).hasSize(1);
    String pi = instances.get(0).getId();
    jobs.runDueJobs(pi);
    assertThat(runtime.getVariables(pi)).containsEntry(SERVICE_ID, "checkout")
        .containsEntry(TITLE, "Checkout answers 503").containsEntry(CUSTOMER_IMPACT, true)
        .containsEntry(REPORTER, "api").containsEntry(ALERT_COUNT, 2L).containsEntry(SEVERITY, "SEV1");
    assertThat(worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT)).isNotNull();
  }

  private Map<String, List<String>> mailsByRecipient() throws MessagingException {
    Map<String, List<String>> byRecipient = new TreeMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
        String address = ((jakarta.mail.internet.InternetAddress) recipient).getAddress();
        byRecipient.computeIfAbsent(address, key -> new java.util.ArrayList<>()).add(message.getSubject());
      }
    }
    return byRecipient;
  }

  private List<String> messageIdsTo(String address) throws MessagingException {
    return java.util.Arrays.stream(smtp.getReceivedMessagesForDomain(address))
        .map(message -> {
          try {
            return message.getMessageID();
          } catch (MessagingException e) {
            throw new IllegalStateException(e);
          }
        }).collect(Collectors.toList());
  }

  private String bodyTo(String address, String subject) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
      if (subject.equals(message.getSubject())) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
      }
    }
    throw new AssertionError("No mail '" + subject + "' to " + address);
  }
}
