package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.platform.EngineClock;
import io.incidentflow.routing.FailBackTrafficDelegate;
import io.incidentflow.routing.RerouteTrafficDelegate;
import io.incidentflow.routing.TrafficRoutingService;
import io.incidentflow.sla.SlaClocksOnEngine;
import io.incidentflow.sla.SlaEscalationProcess;
import io.incidentflow.sla.WatchSlaDelegate;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import io.incidentflow.oncall.PagingProcess;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.delegate.BpmnError;
import io.incidentflow.security.IncidentReaders;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per path of processes/incident.bpmn, on a bare engine with the real severity decision. Delegates
 * that talk to the database or SMTP are replaced by recorders (their own tests cover them); the reroute
 * delegate is the real one with no traffic router configured. The SLA clocks are the real ones (in the test
 * engine's database) and so is the SLA escalation model; its notices are recorded. Timers run as jobs under the
 * engine's clock, which starts on a Monday 10:00 in Berlin so that business hours are deterministic.
 */
@Deployment(resources = {"processes/incident.bpmn", "processes/severity-targets.dmn", "processes/sla-escalation.bpmn"})
class IncidentProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

  private final List<String> notices = new ArrayList<>();
  /** SLA notices: level and late task, e.g. "warning Task_ScopeIncident". */
  private final List<String> escalations = new ArrayList<>();
  private SlaClocksOnEngine sla;
  private final List<String> pages = new ArrayList<>();
  private String pagingStandIn;
  private String reviewStandIn;
  private final List<String> recorded = new ArrayList<>();
  /** Incidents whose servers the load balancer's change records show drained (the real check: TrafficRoutingService). */
  private final List<String> drainedForIncident = new ArrayList<>();
  /** Customer impact as the scope left it, each time the incident was (or was not) made public. */
  private final List<Object> published = new ArrayList<>();
  static final Instant MONDAY_10_BERLIN = Instant.parse("2026-11-30T09:00:00Z");
  private ProcessEngine processEngine;
  private ManagementService management;
  private int incidentNumber;

  @BeforeEach
  void setUp() {
    processEngine = engine.getProcessEngine();
    management = processEngine.getManagementService();
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_BERLIN));
    sla = new SlaClocksOnEngine(processEngine);
    ServiceCatalog catalog = new ServiceCatalog(new ServiceCatalogProperties(List.of(
        new ServiceDefinition("checkout", "Checkout", 1, "application", "Pay by invoice", null, null),
        new ServiceDefinition("search", "Search", 2, "database", "Serve the nightly snapshot", null, null))));

    Mocks.register("registerIncident", (JavaDelegate) execution -> {
      String id = "INC-2026-" + (++incidentNumber);
      ServiceDefinition service = catalog.get((String) execution.getVariable(SERVICE_ID));
      execution.setProcessBusinessKey(id);
      execution.setVariable(INCIDENT_ID, id);
      execution.setVariable(SERVICE_NAME, service.name());
      execution.setVariable(SERVICE_TIER, service.tier());
      execution.setVariable(TECHNICIAN_GROUP, service.technicianGroup());
      execution.setVariable(RUNBOOK, service.runbook());
      execution.setVariable(FALLBACK_STARTED, false);
      execution.setVariable(TRAFFIC_REROUTED, false);
      if (execution.getVariable(MONITORING_RECOVERED) == null) {
        execution.setVariable(MONITORING_RECOVERED, false);
      }
    });
    Mocks.register("recordSeverity", (ExecutionListener) execution -> recorded.add("severity " + execution.getVariable(SEVERITY)));
    Mocks.register("publishIncident", (ExecutionListener) execution -> published.add(execution.getVariable(CUSTOMER_IMPACT)));
    // Paging has its own test (PageRespondersProcessTest): here a stand-in that pages the level's targets at once.
    Mocks.register("pageResponders", (JavaDelegate) execution -> pages.add((String) execution.getVariable("targets")));
    pagingStandIn = processEngine.getRepositoryService().createDeployment().addModelInstance("page-responders.bpmn",
        Bpmn.createExecutableProcess(PagingProcess.PROCESS_KEY).camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_PageLevel").camundaDelegateExpression("${pageResponders}")
            .camundaInputParameter("targets", "group:${technicianGroup}").endEvent().done()).deploy().getId();
    // The review has its own test (PostIncidentReviewProcessTest): here a stand-in with one task.
    reviewStandIn = processEngine.getRepositoryService().createDeployment().addModelInstance("post-incident-review.bpmn",
        Bpmn.createExecutableProcess(REVIEW_PROCESS_KEY).camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_ReviewStandIn").camundaCandidateGroups(GROUP_INCIDENT_MANAGERS).endEvent().done())
        .deploy().getId();
    Mocks.register("notifyCustomers", (JavaDelegate) execution -> notices.add((String) execution.getVariable(NOTICE)));
    Mocks.register("slaClocks", sla.clocks);
    Mocks.register("watchSla", new WatchSlaDelegate(sla.repository));
    Mocks.register("notifySla", sla.markingNotifier(execution -> escalations.add(
        execution.getVariable(SlaEscalationProcess.VAR_LEVEL) + " " + execution.getVariable(SLA_TASK_ID))));
    Mocks.register("recordResolution", (JavaDelegate) execution -> recorded.add("resolved"));
    Mocks.register("closeIncident", (JavaDelegate) execution -> recorded.add("closed"));
    Mocks.register("rerouteTraffic", new RerouteTrafficDelegate(new TrafficRoutingService(List.of(), catalog, null)));
    Mocks.register("backupServers", new io.incidentflow.routing.BackupServers(new TrafficRoutingService(List.of(), catalog, null) {
      @Override
      public boolean usersOnBackup(String serviceId, String incidentId) {
        return drainedForIncident.contains(incidentId);
      }
    }));
    Mocks.register("failBackTraffic", (JavaDelegate) execution -> {
      recorded.add("failed back");
      execution.setVariable(TRAFFIC_REROUTED, false);
    });
    Mocks.register("incidentReaders", new IncidentReaders(processEngine.getAuthorizationService()));
    Mocks.register("taskAnswers", new TaskAnswers());
    Mocks.register("summarizeNotices", (TaskListener) task -> task.setVariable(NOTICES_SENT, "confirmed: 3 sent"));
  }

  @AfterEach
  void tearDown() {
    processEngine.getRepositoryService().deleteDeployment(pagingStandIn, true);
    processEngine.getRepositoryService().deleteDeployment(reviewStandIn, true);
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void shouldWalkAnIncidentWithCustomersAffectedThroughEveryPhase() {
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
    assertThat(incident).hasBusinessKey("INC-2026-1");
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV2").containsEntry(ACKNOWLEDGE_TARGET, "PT15M");

    assertThat(pages).containsExactly("group:application");
    assertThat(incident).isWaitingAt(TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(BpmnAwareTests.task(incident)).hasCandidateGroup("application");

    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    assertThat(BpmnAwareTests.task(incident)).hasCandidateGroup(GROUP_INCIDENT_MANAGERS);
    scope(incident, "SEV2", true);
    runAsyncStep(incident, TASK_NOTIFY_INCIDENT_CONFIRMED);

    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    writeAllClear(incident);
    runAsyncStep(incident, TASK_NOTIFY_ALL_CLEAR);

    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW);
    ProcessInstance review = reviewOf(incident);
    assertThat(review).as("the review runs under the incident's id").hasBusinessKey("INC-2026-1")
        .variables().containsEntry(INCIDENT_ID, "INC-2026-1").containsEntry(REVIEW_TARGET, "P5D");
    BpmnAwareTests.complete(BpmnAwareTests.task(review), Map.of(ROOT_CAUSE, "Expired certificate"));

    assertThat(incident).isEnded().hasPassedInOrder(TASK_REGISTER_INCIDENT, TASK_CLASSIFY_INCIDENT,
        CALL_PAGE_RESPONDERS, TASK_ACKNOWLEDGE_INCIDENT, TASK_SCOPE_INCIDENT, TASK_APPLY_CONFIRMED_SEVERITY,
        TASK_NOTIFY_INCIDENT_CONFIRMED, TASK_RESOLVE_INCIDENT, TASK_RECORD_RESOLUTION, TASK_NOTIFY_ALL_CLEAR,
        CALL_POST_INCIDENT_REVIEW, TASK_CLOSE_INCIDENT, END_INCIDENT_CLOSED);
    assertThat(incident).hasNotPassed(TASK_REROUTE_TRAFFIC, TASK_SEND_CUSTOMER_UPDATE);
    assertThat(notices).containsExactly("confirmed", "resolved");
    assertThat(recorded).containsExactly("severity SEV2", "severity SEV2", "resolved", "closed");
    assertThat(published).as("made public once, right after scope").containsExactly(true);
    assertThat(escalations).isEmpty();
  }

  @Test
  void shouldOpenTheResolutionWhileTheFirstNoticeIsStillFailing() {
    // The review has its own test (PostIncidentReviewProcessTest): here a stand-in with one task.
    reviewStandIn = processEngine.getRepositoryService().createDeployment().addModelInstance("post-incident-review.bpmn",
        Bpmn.createExecutableProcess(REVIEW_PROCESS_KEY).camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_ReviewStandIn").camundaCandidateGroups(GROUP_INCIDENT_MANAGERS).endEvent().done())
        .deploy().getId();
    Mocks.register("notifyCustomers", (JavaDelegate) execution -> {
      throw new IllegalStateException("mail server down");
    });
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    scope(incident, "SEV2", true);

    Job notice = management.createJobQuery().processInstanceId(incident.getId())
        .activityId(TASK_NOTIFY_INCIDENT_CONFIRMED).singleResult();
    try {
      management.executeJob(notice.getId());
    } catch (IllegalStateException expected) {
      // the job fails and will be retried (then a Cockpit incident): the resolution does not wait for it
    }

    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT, TASK_NOTIFY_INCIDENT_CONFIRMED)
        .hasPassed(GATEWAY_TELL_CUSTOMERS_MEANWHILE);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    assertThat(incident).isWaitingAt(TASK_NOTIFY_INCIDENT_CONFIRMED);
  }

  @Test
  void shouldSkipReviewAndCustomerMailForSev4WithoutCustomerImpact() {
    ProcessInstance incident = report(TestIncidents.searchWarningWithoutCustomerImpact());
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV4").containsEntry(REVIEW_REQUIRED, false);

    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    scope(incident, "SEV4", false);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(incident).isEnded().hasPassed(TASK_RECORD_RESOLUTION, TASK_CLOSE_INCIDENT)
        .hasNotPassed(CALL_POST_INCIDENT_REVIEW, TASK_NOTIFY_INCIDENT_CONFIRMED, TASK_NOTIFY_ALL_CLEAR);
    assertThat(notices).isEmpty();
  }

  @Test
  void shouldFallBackToManualWorkaroundWhenTechnicianCannotResolveAndNoRouterIsConfigured() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected());

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    // The technicians keep working on the fix while the fallback runs.
    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT, TASK_REROUTE_TRAFFIC);
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);

    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT, TASK_APPLY_WORKAROUND);
    assertThat(incident).hasPassed(BOUNDARY_REROUTE_NOT_POSSIBLE);
    assertThat((String) BpmnAwareTests.runtimeService().getVariable(incident.getId(), FALLBACK_FAILURE_REASON))
        .contains("No traffic router is configured for the service 'Checkout'");
    complete(incident, TASK_APPLY_WORKAROUND, Map.of(WORKAROUND_DESCRIPTION, "Pay by invoice"));
    // Customers hear of it in the words of communications, not the technician's.
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(incident.getId())
        .taskDefinitionKey(TASK_WRITE_WORKAROUND_NOTICE).singleResult()).isNotNull()
        .satisfies(task -> assertThat(task).hasCandidateGroup(GROUP_COMMUNICATIONS));
    complete(incident, TASK_WRITE_WORKAROUND_NOTICE, Map.of(WORKAROUND_NOTICE, "You can pay by invoice meanwhile."));
    runAsyncStep(incident, TASK_NOTIFY_WORKAROUND);
    assertThat(incident).hasPassed(END_FALLBACK_ACTIVE).isWaitingAt(TASK_RESOLVE_INCIDENT);

    // Saying "cannot resolve" again does not start a second fallback.
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    assertThat(incident).isWaitingAtExactly(SUBPROCESS_RESOLUTION, TASK_RESOLVE_INCIDENT);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    writeAllClear(incident);
    runAsyncStep(incident, TASK_NOTIFY_ALL_CLEAR);

    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW);
    assertThat(notices).containsExactly("confirmed", "workaround", "resolved");
    assertThat(BpmnAwareTests.historyService().createHistoricActivityInstanceQuery()
        .processInstanceId(incident.getId()).activityId(TASK_REROUTE_TRAFFIC).count()).isEqualTo(1);
  }

  @Test
  void shouldHaveUsersMovedBackByHandWhenTheAutomaticFailBackFailsOnItsLastAttempt() {
    Mocks.register("rerouteTraffic", (JavaDelegate) execution -> execution.setVariable(TRAFFIC_REROUTED, true));
    Mocks.register("failBackTraffic", new FailBackTrafficDelegate(new TrafficRoutingService(List.of(), null, null) {
      @Override
      public java.util.Optional<io.incidentflow.routing.RerouteResult> failBack(String serviceId, String incidentId) {
        throw new IllegalStateException("HAProxy refused the connection");
      }
    }));
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    complete(incident, TASK_CONFIRM_PRIMARIES_HEALTHY, Map.of("primariesHealthy", true));

    Job failBack = management.createJobQuery().processInstanceId(incident.getId()).activityId(TASK_FAIL_BACK_TRAFFIC)
        .singleResult();
    for (int attempt = 1; attempt < 3; attempt++) {
      String jobId = failBack.getId();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(jobId))
          .hasMessageContaining("HAProxy refused");
      assertThat(incident).isWaitingAt(TASK_FAIL_BACK_TRAFFIC);
    }
    management.executeJob(failBack.getId());

    assertThat(incident).isWaitingAtExactly(TASK_FAIL_BACK_MANUALLY).hasPassed(BOUNDARY_FAIL_BACK_FAILED);
    assertThat(incident).variables().containsEntry(FAIL_BACK_FAILURE_REASON,
        "Fail-back failed: HAProxy refused the connection");
    complete(incident, TASK_FAIL_BACK_MANUALLY, Map.of(FAIL_BACK_NOTE, "Re-enabled web-1 and web-2 by hand"));
    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW);
  }

  @Test
  void shouldMoveUsersBackWhenTheResolutionEndedWhileTheRerouteJobWasMovingThem() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    // The reroute job drained servers, then lost the race: the Resolve task completed first and ended its branch.
    drainedForIncident.add("INC-2026-1");

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(incident).variables().containsEntry(TRAFFIC_REROUTED, false);
    assertThat(incident).isWaitingAtExactly(TASK_CONFIRM_PRIMARIES_HEALTHY).hasNotPassed(TASK_REROUTE_TRAFFIC);
  }

  @Test
  void shouldHaveUsersMovedBackByHandWhenTheManualWorkaroundMovedThem() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    complete(incident, TASK_APPLY_WORKAROUND, Map.of(WORKAROUND_DESCRIPTION, "Pay by invoice", WORKAROUND_MOVED_USERS, true));

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(incident).isWaitingAtExactly(TASK_FAIL_BACK_MANUALLY).hasNotPassed(TASK_CONFIRM_PRIMARIES_HEALTHY);
    complete(incident, TASK_FAIL_BACK_MANUALLY, Map.of(FAIL_BACK_NOTE, "Switched the DNS back"));
    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW);
  }

  @Test
  void shouldFailBackAfterATechnicianConfirmsThePrimariesWhenUsersWereRerouted() {
    Mocks.register("rerouteTraffic", (JavaDelegate) execution -> {
      execution.setVariable(TRAFFIC_REROUTED, true);
      execution.setVariable(WORKAROUND_DESCRIPTION, "Moved to backup servers");
    });
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    assertThat(incident).hasPassed(END_FALLBACK_ACTIVE).hasNotPassed(TASK_APPLY_WORKAROUND);

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    assertThat(incident).isWaitingAtExactly(TASK_CONFIRM_PRIMARIES_HEALTHY);
    assertThat(BpmnAwareTests.task(incident)).hasCandidateGroup("application");
    complete(incident, TASK_CONFIRM_PRIMARIES_HEALTHY, Map.of("primariesHealthy", true));
    runAsyncStep(incident, TASK_FAIL_BACK_TRAFFIC);

    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW);
    assertThat(recorded).contains("failed back");
  }

  @Test
  void shouldEndTheOpenWorkaroundWhenTheServiceIsResolved() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    assertThat(incident).isWaitingAt(TASK_APPLY_WORKAROUND);

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(incident).isWaitingAtExactly(CALL_POST_INCIDENT_REVIEW).hasPassed(END_RESOLVED, TASK_RECORD_RESOLUTION);
  }

  // SLA clocks (the escalation model has its own test: SlaEscalationProcessTest)

  @Test
  void shouldRemindAtThreeQuartersThenTellIncidentManagersAtTheTargetAndManagersWhenTheBreachLasts() {
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());

    passTarget(incident, TIMER_ACKNOWLEDGE_SLA, Duration.ofMinutes(15).multipliedBy(3).dividedBy(4));
    runAsyncStep(incident, TASK_ESCALATE_ACKNOWLEDGE_SLA);
    ProcessInstance escalation = escalationOf(incident, "acknowledge");
    runEscalationSteps(escalation);
    assertThat(escalations).containsExactly("warning " + TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(escalation).isWaitingAt(SlaEscalationProcess.GATEWAY_UNTIL_TARGET);

    passEscalationTimer(escalation, SlaEscalationProcess.TIMER_TARGET_PASSED);
    assertThat(escalations).endsWith("breach " + TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(sla.only("INC-2026-1", "acknowledge").state(ClockUtil.getCurrentTime().toInstant()))
        .isEqualTo(io.incidentflow.sla.SlaClock.State.BREACHED);
    passEscalationTimer(escalation, SlaEscalationProcess.TIMER_STILL_BREACHED);

    assertThat(escalations).containsExactly("warning " + TASK_ACKNOWLEDGE_INCIDENT,
        "breach " + TASK_ACKNOWLEDGE_INCIDENT, "climb " + TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(escalation).isEnded().hasPassed(SlaEscalationProcess.END_MANAGERS_TOLD);
    // The escalation's branch has ended; the task waits on (inside the Identify sub-process).
    assertThat(incident).hasPassed(END_ACKNOWLEDGE_SLA_ESCALATED).isWaitingAt(TASK_ACKNOWLEDGE_INCIDENT);
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    assertThat(sla.only("INC-2026-1", "acknowledge").state(Instant.now())).isEqualTo(io.incidentflow.sla.SlaClock.State.MISSED);
  }

  @Test
  void shouldEndTheEscalationWhenTheTaskIsDoneBeforeItsTarget() {
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    passTarget(incident, TIMER_SCOPE_SLA, Duration.ofMinutes(30).multipliedBy(3).dividedBy(4));
    runAsyncStep(incident, TASK_ESCALATE_SCOPE_SLA);
    ProcessInstance escalation = escalationOf(incident, "scope");
    runEscalationSteps(escalation);

    scope(incident, "SEV2", false);

    assertThat(escalation).isEnded().hasPassed(SlaEscalationProcess.END_CLOCK_STOPPED);
    assertThat(escalations).containsExactly("warning " + TASK_SCOPE_INCIDENT);
    assertThat(sla.only("INC-2026-1", "scope").state(Instant.now())).isEqualTo(io.incidentflow.sla.SlaClock.State.MET);
  }

  @Test
  void shouldCountTheResolveTargetForTheIncidentAsAWholeWhenTheResolveTaskComesBack() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    Date due = BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident).getDueDate();
    assertThat(due).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(4))));

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1))));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));

    assertThat(BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident).getDueDate()).isEqualTo(due);
    assertThat(timer(incident, TIMER_RESOLVE_SLA).getDuedate()).isEqualTo(due);
    assertThat(sla.of("INC-2026-1").stream().filter(c -> c.clock().equals("resolve")).count()).isEqualTo(1);
  }

  @Test
  void shouldNameEachTaskAfterItsIncidentServiceAndSeverityAndRankItBySeverity() {
    ProcessInstance sev2 = report(TestIncidents.checkoutOutageWithCustomersAffected());
    Task acknowledge = BpmnAwareTests.task(TASK_ACKNOWLEDGE_INCIDENT, sev2);
    assertThat(acknowledge.getName()).isEqualTo("Acknowledge incident · INC-2026-1 · Checkout · SEV2");
    assertThat(acknowledge.getDescription()).startsWith("Card payments fail\n\nThe paged technician");
    assertThat(acknowledge.getPriority()).as("severity-targets.dmn").isEqualTo(70);

    ProcessInstance sev3 = reachResolution(TestIncidents.searchWarningWithoutCustomerImpact(), "SEV3");
    Task resolve = BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, sev3);
    assertThat(resolve.getName()).isEqualTo("Resolve incident · INC-2026-2 · Search · SEV3");
    assertThat(resolve.getPriority()).as("the severity confirmed at scope").isEqualTo(50);
  }

  @Test
  void shouldShowEachFormTheIncidentSoFarAndTheAlertsOnlyWhenThereAreAlerts() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    String context = (String) BpmnAwareTests.taskService().getVariableLocal(
        BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident).getId(), INCIDENT_CONTEXT);
    assertThat(context).startsWith("### INC-2026-1 · Checkout · SEV2").contains("**Card payments fail**")
        .contains("Impact: Payments fail for everyone").contains("**Runbook**\n> Pay by invoice")
        .doesNotContain("Alerts");
    assertThat(BpmnAwareTests.runtimeService().getVariable(incident.getId(), INCIDENT_CONTEXT))
        .as("one per task, not on the incident").isNull();
  }

  @Test
  void shouldAskTheOutcomeAfreshWhenTheResolveTaskComesBackAndKeepTheLastNoteInSight() {
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    BpmnAwareTests.taskService().setAssignee(BpmnAwareTests.task(TASK_ACKNOWLEDGE_INCIDENT, incident).getId(), "tom");
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of(ACKNOWLEDGEMENT_NOTE, "On it"));
    scope(incident, "SEV2", false);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_WAITING, WAITING_FOR, "the vendor",
        RESOLUTION_SUMMARY, "Restarted the payment gateway"));
    complete(incident, TASK_WAIT_ON_CUSTOMER_OR_VENDOR, Map.of(ANSWER_RECEIVED, "Vendor fixed their API"));

    Task again = BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident);
    Map<String, Object> form = BpmnAwareTests.taskService().getVariables(again.getId());
    assertThat(form).doesNotContainKeys(RESOLVE_OUTCOME, WAITING_FOR, RESOLUTION_SUMMARY);
    assertThat((String) form.get(INCIDENT_CONTEXT))
        .contains("Acknowledged by tom: On it")
        .contains("Waiting for: the vendor — answer: Vendor fixed their API")
        .contains("Last resolution note (internal): Restarted the payment gateway");

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    assertThat(incident).hasPassed(TASK_RESOLVE_INCIDENT).isNotWaitingAt(TASK_RESOLVE_INCIDENT);
  }

  @Test
  void shouldRefuseAResolveOutcomeTheModelCannotRouteAndKeepTheTaskOpen() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, "fixed")))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class)
        .hasMessageContaining("'resolveOutcome' must be one of [resolved, cannotResolve, waiting], was 'fixed'");

    assertThat(incident).isWaitingAtExactly(SUBPROCESS_RESOLUTION, TASK_RESOLVE_INCIDENT);
  }

  @Test
  void shouldPauseTheResolveClockWhileWaitingOnACustomerAndResumeWithTheTimeLeft() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    Instant start = ClockUtil.getCurrentTime().toInstant();
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(1))));

    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_WAITING,
        WAITING_FOR, "The payment provider to renew our certificate"));
    assertThat(incident).isWaitingAt(TASK_WAIT_ON_CUSTOMER_OR_VENDOR);
    assertThat(sla.only("INC-2026-1", "resolve").pausedAt()).isEqualTo(start.plus(Duration.ofHours(1)));

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(3))));
    complete(incident, TASK_WAIT_ON_CUSTOMER_OR_VENDOR, Map.of(ANSWER_RECEIVED, "Renewed"));

    // Three of the four hours were left when the wait began: the target moved by the two hours waited.
    assertThat(BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident).getDueDate())
        .isEqualTo(Date.from(start.plus(Duration.ofHours(6))));
    io.incidentflow.sla.SlaClock resolve = sla.only("INC-2026-1", "resolve");
    assertThat(resolve.pausedAt()).isNull();
    assertThat(resolve.pausedBusinessTime()).isEqualTo(Duration.ofHours(2));
    assertThat(sla.only("INC-2026-1", "waiting").stoppedAt()).isNotNull();
  }

  @Test
  void shouldEscalateAndStartTheFallbackWhenResolveTargetPasses() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));

    passTarget(incident, TIMER_RESOLVE_SLA, Duration.ofHours(4));
    runAsyncStep(incident, TASK_ESCALATE_RESOLVE_SLA);
    runEscalationSteps(escalationOf(incident, "resolve"));

    assertThat(escalations).containsExactly("breach " + TASK_RESOLVE_INCIDENT);
    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT, TASK_REROUTE_TRAFFIC);
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT, TASK_APPLY_WORKAROUND);
  }

  @Test
  void shouldNotStartASecondFallbackWhenResolveTargetPassesDuringTheFallback() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);

    passTarget(incident, TIMER_RESOLVE_SLA, Duration.ofHours(4));
    runAsyncStep(incident, TASK_ESCALATE_RESOLVE_SLA);

    assertThat(incident).hasPassed("EndEvent_ResolveSlaEscalated");
    assertThat(BpmnAwareTests.historyService().createHistoricActivityInstanceQuery()
        .processInstanceId(incident.getId()).activityId(TASK_REROUTE_TRAFFIC).count()).isEqualTo(1);
  }

  @Test
  void shouldStartOneEscalationPerClockWhenBothResolveTimersFire() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    passTarget(incident, TIMER_RESOLVE_SLA_REMINDER, Duration.ofHours(3));
    assertThat(incident).hasPassed(TASK_WATCH_RESOLVE_SLA);

    passTarget(incident, TIMER_RESOLVE_SLA, Duration.ofHours(1));
    runAsyncStep(incident, TASK_ESCALATE_RESOLVE_SLA);

    assertThat(BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .processDefinitionKey(SlaEscalationProcess.PROCESS_KEY).count()).isEqualTo(1);
  }

  @Test
  void shouldRemindWhenWorkaroundTargetIsNear() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);

    passTarget(incident, TIMER_WORKAROUND_SLA, Duration.ofMinutes(45));
    runAsyncStep(incident, TASK_ESCALATE_WORKAROUND_SLA);
    runEscalationSteps(escalationOf(incident, "workaround"));

    assertThat(escalations).containsExactly("warning " + TASK_APPLY_WORKAROUND);
    assertThat(incident).isWaitingAt(TASK_APPLY_WORKAROUND);
  }

  @Test
  void shouldGiveConfirmationsTheirOwnTargetNotTheAcknowledgeTarget() {
    Mocks.register("rerouteTraffic", (JavaDelegate) execution -> execution.setVariable(TRAFFIC_REROUTED, true));
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    runAsyncStep(incident, TASK_REROUTE_TRAFFIC);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(incident).variables().containsEntry(CONFIRM_TARGET, "PT30M").containsEntry(ACKNOWLEDGE_TARGET, "PT15M");
    passTarget(incident, TIMER_CONFIRM_PRIMARIES_SLA, Duration.ofMinutes(30).multipliedBy(3).dividedBy(4));
    runAsyncStep(incident, "Task_EscalateConfirmPrimariesSla");
    runEscalationSteps(escalationOf(incident, "confirm-primaries"));

    assertThat(escalations).containsExactly("warning " + TASK_CONFIRM_PRIMARIES_HEALTHY);
    assertThat(incident).isWaitingAtExactly(TASK_CONFIRM_PRIMARIES_HEALTHY);
  }

  @Test
  void shouldCountSev4TargetsInBusinessHoursOverTheWeekend() {
    // Friday 17:30 in Berlin: half an hour of the working day is left.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-27T16:30:00Z")));
    ProcessInstance incident = report(TestIncidents.searchWarningWithoutCustomerImpact());
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV4").containsEntry(SLA_CALENDAR, "business-hours")
        .containsEntry(ACKNOWLEDGE_TARGET, "PT4H");

    // PT4H: 0.5 h on Friday, 3.5 h on Monday from 08:00; the reminder at 3 h: Monday 10:30.
    assertThat(BpmnAwareTests.task(TASK_ACKNOWLEDGE_INCIDENT, incident).getDueDate())
        .isEqualTo(Date.from(Instant.parse("2026-11-30T10:30:00Z")));
    assertThat(timer(incident, TIMER_ACKNOWLEDGE_SLA).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2026-11-30T09:30:00Z")));
  }

  @Test
  void shouldClassifyAgainWhenScopeFindsCustomersAffectedAndLeavesTheSeverityAsClassified() {
    ProcessInstance incident = report(TestIncidents.searchWarningWithoutCustomerImpact());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV4").containsEntry(SLA_CALENDAR, "business-hours");

    scope(incident, "SEV4", true);

    // "Warning that customers feel" (severity-targets.dmn): SEV3, with its targets.
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV3").containsEntry(RESOLVE_TARGET, "PT8H")
        .containsEntry(UPDATE_APPROVAL_REQUIRED, false);
  }

  @Test
  void shouldApplyTheTargetsOfTheSeverityConfirmedAtScope() {
    ProcessInstance incident = report(TestIncidents.searchWarningWithoutCustomerImpact());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV4").containsEntry(RESOLVE_TARGET, "PT24H");

    scope(incident, "SEV1", true);
    runAsyncStep(incident, TASK_NOTIFY_INCIDENT_CONFIRMED);

    assertThat(incident).variables().containsEntry(SEVERITY, "SEV1").containsEntry(RESOLVE_TARGET, "PT1H")
        .containsEntry(SLA_CALENDAR, "24x7").containsEntry(REVIEW_REQUIRED, true);
    assertThat(timer(incident, TIMER_RESOLVE_SLA).getDuedate())
        .isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1))));
    assertThat(recorded).containsExactly("severity SEV4", "severity SEV1");
  }

  @Test
  void shouldHaveTheCommunicationsLeadWriteEachUpdateAndAManagerApproveItForSev2() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected());
    assertThat(incident).variables().containsEntry(UPDATE_CADENCE, "PT1H").containsEntry(UPDATE_APPROVAL_REQUIRED, true);

    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(1));
    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE);
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(incident.getId()).taskDefinitionKey(TASK_WRITE_CUSTOMER_UPDATE)
        .singleResult()).isNotNull().satisfies(task -> assertThat(task).hasCandidateGroup(GROUP_COMMUNICATIONS));
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "We are replacing a faulty card reader."));
    complete(incident, TASK_APPROVE_CUSTOMER_UPDATE, Map.of(UPDATE_APPROVED, false));
    // Sent back: the communications lead rewrites it.
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Card payments fail; pay by invoice meanwhile."));
    complete(incident, TASK_APPROVE_CUSTOMER_UPDATE, Map.of(UPDATE_APPROVED, true));
    runAsyncStep(incident, TASK_SEND_CUSTOMER_UPDATE);

    assertThat(notices).containsExactly("confirmed", "update");
    assertThat(incident).isWaitingAtExactly(SUBPROCESS_RESOLUTION, TASK_RESOLVE_INCIDENT);
  }

  @Test
  void shouldSendSev3UpdatesWithoutApprovalAndStopUpdatesAtResolution() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected(), "SEV3");
    assertThat(incident).variables().containsEntry(UPDATE_CADENCE, "PT4H").containsEntry(UPDATE_APPROVAL_REQUIRED, false);

    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(4));
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Still working on it."));
    runAsyncStep(incident, TASK_SEND_CUSTOMER_UPDATE);
    assertThat(notices).containsExactly("confirmed", "update");

    // The next update is being written when the service is resolved: it never goes out.
    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(4));
    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE);
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));

    assertThat(BpmnAwareTests.taskQuery().processInstanceId(incident.getId())
        .taskDefinitionKey(TASK_WRITE_CUSTOMER_UPDATE).count()).isZero();
    assertThat(management.createJobQuery().processInstanceId(incident.getId())
        .activityId(START_CUSTOMER_UPDATE_DUE).count()).isZero();
  }

  @Test
  void shouldShowTheWriterWhyAnUpdateWasSentBackAndForgetItWhenTheNextUpdateIsDue() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected());
    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(1));
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Card reader firmware 2.3 crashed."));
    complete(incident, TASK_APPROVE_CUSTOMER_UPDATE, Map.of(UPDATE_APPROVED, false,
        APPROVAL_COMMENT, "No firmware versions: say what customers can do"));

    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE).variables()
        .containsEntry(APPROVAL_COMMENT, "No firmware versions: say what customers can do");
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Pay by invoice meanwhile."));
    complete(incident, TASK_APPROVE_CUSTOMER_UPDATE, Map.of(UPDATE_APPROVED, true));
    runAsyncStep(incident, TASK_SEND_CUSTOMER_UPDATE);

    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(0));
    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE).variables().doesNotContainKey(APPROVAL_COMMENT);
  }

  @Test
  void shouldCountTheCustomerUpdateCadenceInBusinessHours() {
    // Friday 17:30 in Berlin; SEV3 updates every PT4H of the business-hours calendar.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-27T16:30:00Z")));
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected(), "SEV3");

    // 0.5 h on Friday, 3.5 h on Monday from 08:00: Monday 11:30 in Berlin.
    assertThat(timer(incident, START_CUSTOMER_UPDATE_DUE).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2026-11-30T10:30:00Z")));
    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ZERO);
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Still working on it."));

    // The next one four working hours later: Monday 15:30 (the cycle is computed again when it comes due).
    assertThat(timer(incident, START_CUSTOMER_UPDATE_DUE).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2026-11-30T14:30:01Z")));
  }

  @Test
  void shouldNotStackCustomerUpdatesWhileOneIsStillBeingWritten() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected(), "SEV3");
    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(4));
    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE);

    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(0));

    assertThat(BpmnAwareTests.taskQuery().processInstanceId(incident.getId())
        .taskDefinitionKey(TASK_WRITE_CUSTOMER_UPDATE).count()).isEqualTo(1);
    assertThat(incident).hasPassed("EndEvent_NoUpdateNeeded");
    complete(incident, TASK_WRITE_CUSTOMER_UPDATE, Map.of(UPDATE_TEXT, "Still working on it."));
    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(0));
    assertThat(incident).isWaitingAt(TASK_WRITE_CUSTOMER_UPDATE);
  }

  @Test
  void shouldSendNoCustomerUpdateWhenNoCustomerIsAffected() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));

    passTarget(incident, START_CUSTOMER_UPDATE_DUE, Duration.ofHours(1));

    assertThat(incident).hasPassed("EndEvent_NoUpdateNeeded").hasNotPassed(TASK_WRITE_CUSTOMER_UPDATE);
    assertThat(notices).isEmpty();
  }

  @Test
  void shouldStopPagingWhenSomeoneAcknowledgesAfterTheSecondLevel() {
    withRealPaging(() -> {
      ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
      ProcessInstance paging = pagingOf(incident);
      runPagingJob(paging);
      passTarget(paging, PagingProcess.TIMER_LEVEL_DELAY, Duration.ofMinutes(5));
      runPagingJob(paging);
      assertThat(pages).containsExactly("schedule:application-primary", "schedule:application-secondary");

      complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());

      assertThat(paging).isEnded();
      assertThat(management.createJobQuery().processInstanceId(paging.getId()).count()).isZero();
      assertThat(incident).hasPassed(END_ACKNOWLEDGED).isWaitingAt(TASK_SCOPE_INCIDENT);
    });
  }

  @Test
  void shouldNotPageAtAllWhenSomeoneAcknowledgesBeforeTheFirstPageGoesOut() {
    withRealPaging(() -> {
      ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
      ProcessInstance paging = pagingOf(incident);
      assertThat(paging).isWaitingAt(PagingProcess.TASK_PAGE_LEVEL);

      complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());

      assertThat(paging).isEnded();
      assertThat(pages).isEmpty();
      assertThat(management.createJobQuery().processInstanceId(paging.getId()).count()).isZero();
    });
  }

  @Test
  void shouldKeepTheAcknowledgeTaskAndItsTargetWhileNobodyCanBePaged() {
    withRealPaging(() -> {
      Mocks.register("pageResponders", (JavaDelegate) execution -> {
        throw new BpmnError(PagingProcess.ERROR_PAGING_FAILED, "nobody on call");
      });
      ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected());
      ProcessInstance paging = pagingOf(incident);
      runPagingJob(paging);
      runPagingJob(paging);

      assertThat(incident).isWaitingAt(TASK_ACKNOWLEDGE_INCIDENT);
      assertThat(timer(incident, TIMER_ACKNOWLEDGE_SLA)).isNotNull();
    });
  }

  private void withRealPaging(Runnable test) {
    String real = processEngine.getRepositoryService().createDeployment()
        .addClasspathResource("processes/page-responders.bpmn")
        .addClasspathResource("processes/escalation-policy.dmn").deploy().getId();
    try {
      test.run();
    } finally {
      processEngine.getRepositoryService().deleteDeployment(real, true);
    }
  }

  private ProcessInstance pagingOf(ProcessInstance incident) {
    ProcessInstance paging = BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .superProcessInstanceId(incident.getId()).singleResult();
    assertThat(paging).as("paging runs").isNotNull();
    return paging;
  }

  private void runPagingJob(ProcessInstance paging) {
    management.executeJob(management.createJobQuery().processInstanceId(paging.getId()).executable().singleResult()
        .getId());
  }

  @Test
  void shouldLetCommunicationsReadAnIncidentOnceItIsKnownToAffectCustomers() {
    ProcessInstance affecting = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected());
    ProcessInstance internal =
        reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));

    assertThat(readersOf(affecting)).containsExactly(GROUP_COMMUNICATIONS);
    assertThat(readersOf(internal)).isEmpty();
  }

  private List<String> readersOf(ProcessInstance incident) {
    return processEngine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.PROCESS_INSTANCE).resourceId(incident.getId()).list().stream()
        .filter(grant -> grant.isPermissionGranted(Permissions.READ)).map(Authorization::getGroupId).toList();
  }

  @Test
  void shouldAskATechnicianToConfirmWhenMonitoringReportsRecovery() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected());

    reportRecovery(incident);

    assertThat(incident).isWaitingAtExactly(TASK_CONFIRM_RECOVERY).hasPassed(BOUNDARY_MONITORING_RECOVERED);
    assertThat(BpmnAwareTests.task(incident)).hasCandidateGroup("application");
    complete(incident, TASK_CONFIRM_RECOVERY, Map.of(RECOVERY_CONFIRMED, true));
    writeAllClear(incident);
    runAsyncStep(incident, TASK_NOTIFY_ALL_CLEAR);
    assertThat(incident).isWaitingAt(CALL_POST_INCIDENT_REVIEW).hasPassed(TASK_RECORD_RESOLUTION);
  }

  @Test
  void shouldSendTheIncidentBackToResolutionWhenTheTechnicianSeesNoRecovery() {
    ProcessInstance incident = reachResolution(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    reportRecovery(incident);

    complete(incident, TASK_CONFIRM_RECOVERY, Map.of(RECOVERY_CONFIRMED, false));

    assertThat(incident).isWaitingAtExactly(SUBPROCESS_RESOLUTION, TASK_RESOLVE_INCIDENT).hasNotPassed(TASK_RECORD_RESOLUTION);
    assertThat(incident).variables().containsEntry(MONITORING_RECOVERED, false);
  }

  @Test
  void shouldResolveSev4WithoutConfirmationWhenMonitoringRecovers() {
    ProcessInstance incident = report(TestIncidents.searchWarningWithoutCustomerImpact());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    scope(incident, "SEV4", false);
    assertThat(incident).variables().containsEntry(AUTO_RESOLVE_ON_RECOVERY, true);

    reportRecovery(incident);

    assertThat(incident).isEnded().hasPassed(TASK_RECORD_RESOLUTION, TASK_CLOSE_INCIDENT).hasNotPassed(TASK_CONFIRM_RECOVERY);
  }

  @Test
  void shouldTakeARecoveryReportedBeforeResolutionToTheConfirmation() {
    ProcessInstance incident = report(TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false));
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    // Monitoring recovered while the incident is being scoped: there is no message subscription yet.
    BpmnAwareTests.runtimeService().setVariable(incident.getId(), MONITORING_RECOVERED, true);

    scope(incident, "SEV2", false);

    assertThat(incident).isWaitingAtExactly(TASK_CONFIRM_RECOVERY).hasNotPassed(TASK_RESOLVE_INCIDENT);
  }

  @Test
  void shouldRegisterAnIncidentOpenedByAnAlertInAJobOfItsOwn() {
    // The alert's details come from the stored alert (CopyAlertDetailsListener), here from the test's report.
    Mocks.register("copyAlertDetails", (ExecutionListener) execution ->
        execution.setVariables(TestIncidents.checkoutOutageWithCustomersAffected().variables()));
    ProcessInstance incident = BpmnAwareTests.runtimeService().createMessageCorrelation(MESSAGE_ALERT_RECEIVED)
        .processInstanceBusinessKey("INC-2026-4242").correlateStartMessage();

    assertThat(incident).isWaitingAt(START_ALERT_RECEIVED).hasNotPassed(TASK_REGISTER_INCIDENT);
    assertThat(BpmnAwareTests.runtimeService().getVariables(incident.getId())).as("no alert details written at intake")
        .doesNotContainKeys(SERVICE_ID, TITLE, DESCRIPTION, REPORTED_SEVERITY, CUSTOMER_IMPACT);
    runAsyncStep(incident, START_ALERT_RECEIVED);
    assertThat(incident).hasPassed(TASK_REGISTER_INCIDENT, TASK_CLASSIFY_INCIDENT).hasPassed(CALL_PAGE_RESPONDERS)
        .isWaitingAt(TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(incident).variables().containsEntry(SERVICE_ID, "checkout").containsKey(SEVERITY);
  }

  // ---------------------------------------------------------------------------------------------------------

  private void reportRecovery(ProcessInstance incident) {
    BpmnAwareTests.runtimeService().createMessageCorrelation(MESSAGE_MONITORING_RECOVERED)
        .processInstanceId(incident.getId()).setVariable(MONITORING_RECOVERED, true).correlate();
  }

  private ProcessInstance report(TestIncidents report) {
    return BpmnAwareTests.runtimeService().startProcessInstanceByKey(PROCESS_KEY, report.variables());
  }

  private ProcessInstance reachResolution(TestIncidents report) {
    return reachResolution(report, "SEV2");
  }

  private ProcessInstance reachResolution(TestIncidents report, String severity) {
    ProcessInstance incident = report(report);
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    boolean customers = (Boolean) report.variables().get(CUSTOMER_IMPACT);
    scope(incident, severity, customers);
    if (customers) {
      runAsyncStep(incident, TASK_NOTIFY_INCIDENT_CONFIRMED);
    }
    assertThat(incident).isWaitingAt(TASK_RESOLVE_INCIDENT);
    return incident;
  }

  private void scope(ProcessInstance incident, String severity, boolean customersAffected) {
    complete(incident, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, severity, CUSTOMER_IMPACT, customersAffected,
        IMPACT_DESCRIPTION, "Payments fail for everyone"));
  }

  private void complete(ProcessInstance incident, String taskKey, Map<String, Object> variables) {
    Task task = BpmnAwareTests.taskQuery().processInstanceId(incident.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task %s", taskKey).isNotNull();
    BpmnAwareTests.taskService().complete(task.getId(), variables);
  }

  private ProcessInstance reviewOf(ProcessInstance incident) {
    ProcessInstance review = BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .superProcessInstanceId(incident.getId()).processDefinitionKey(REVIEW_PROCESS_KEY).singleResult();
    assertThat(review).as("the incident's review").isNotNull();
    return review;
  }

  private ProcessInstance escalationOf(ProcessInstance incident, String clock) {
    ProcessInstance escalation = BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .processDefinitionKey(SlaEscalationProcess.PROCESS_KEY).processInstanceBusinessKey(incident.getBusinessKey())
        .variableValueEquals(SlaEscalationProcess.VAR_CLOCK, clock).singleResult();
    assertThat(escalation).as("escalation of clock %s", clock).isNotNull();
    return escalation;
  }

  /** Runs the escalation's notify steps that are due now (its timers wait). */
  private void runEscalationSteps(ProcessInstance escalation) {
    for (Job job; (job = management.createJobQuery().processInstanceId(escalation.getId()).executable().messages()
        .singleResult()) != null; ) {
      management.executeJob(job.getId());
    }
  }

  private void passEscalationTimer(ProcessInstance escalation, String timerId) {
    Job timer = management.createJobQuery().processInstanceId(escalation.getId()).timers().activityId(timerId)
        .singleResult();
    assertThat(timer).as("timer %s", timerId).isNotNull();
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
    management.executeJob(timer.getId());
    runEscalationSteps(escalation);
  }

  /** Communications write the all-clear customers get (the technician's resolution notes stay internal). */
  private void writeAllClear(ProcessInstance incident) {
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(incident.getId()).taskDefinitionKey(TASK_WRITE_ALL_CLEAR)
        .singleResult()).as("Write the all-clear").isNotNull()
        .satisfies(task -> assertThat(task).hasCandidateGroup(GROUP_COMMUNICATIONS));
    complete(incident, TASK_WRITE_ALL_CLEAR, Map.of(ALL_CLEAR_NOTICE, "Card payments work again since 14:05."));
  }

  /** Runs the async continuation of a service task, as the job executor would. */
  private void runAsyncStep(ProcessInstance incident, String activityId) {
    Job job = management.createJobQuery().processInstanceId(incident.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job of %s", activityId).isNotNull();
    management.executeJob(job.getId());
  }

  private Job timer(ProcessInstance incident, String timerId) {
    return management.createJobQuery().processInstanceId(incident.getId()).timers().activityId(timerId).singleResult();
  }

  /** Moves the engine's clock past the timer's due date and fires it, checking it was due after the target. */
  private void passTarget(ProcessInstance incident, String timerId, Duration target) {
    Job timer = timer(incident, timerId);
    assertThat(timer).as("timer %s", timerId).isNotNull();
    Date now = ClockUtil.getCurrentTime();
    // due dates are stored to the second
    assertThat(timer.getDuedate()).isAfterOrEqualTo(Date.from(now.toInstant().plus(target).minusSeconds(2)));
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
    assertThat(management.createJobQuery().processInstanceId(incident.getId()).timers().executable()
        .activityId(timerId).count()).isEqualTo(1);
    management.executeJob(timer.getId());
  }
}
