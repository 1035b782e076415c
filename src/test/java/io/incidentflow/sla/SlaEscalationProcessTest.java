package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/sla-escalation.bpmn path by path, with the real SLA clocks on the test engine's database; the
 * notices are recorded. A 24×7 SEV2 clock: target PT1H, reminder at 75 % (45 min), managers 1 h after a breach.
 */
@Deployment(resources = "processes/sla-escalation.bpmn")
class SlaEscalationProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

  static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
  static final String INCIDENT = "INC-2026-0042";

  private final List<String> notices = new ArrayList<>();
  private SlaClocksOnEngine sla;
  private ManagementService management;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    management = engine.getProcessEngine().getManagementService();
    ClockUtil.setCurrentTime(Date.from(START));
    sla = new SlaClocksOnEngine(engine.getProcessEngine());
    Mocks.register("slaClocks", sla.clocks);
    Mocks.register("notifySla", sla.markingNotifier(execution -> notices.add(
        execution.getVariable(SlaEscalationProcess.VAR_LEVEL) + " to "
            + execution.getVariable(SlaEscalationProcess.VAR_RECIPIENTS))));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void shouldWaitForTheReminderPointWhenStartedBeforeIt() {
    ProcessInstance escalation = watch(startClock());

    assertThat(escalation).isWaitingAt(SlaEscalationProcess.GATEWAY_UNTIL_REMINDER);
    assertThat(timer(escalation).getDuedate()).isEqualTo(Date.from(START.plus(Duration.ofMinutes(45))));
    pass(escalation);
    assertThat(notices).containsExactly("warning to task:assignee,task:candidates");
    assertThat(escalation).isWaitingAt(SlaEscalationProcess.GATEWAY_UNTIL_TARGET);
  }

  @Test
  void shouldTellIncidentManagersAtTheTargetAndManagersWhenTheBreachLasts() {
    ProcessInstance escalation = watch(startClock());
    pass(escalation);
    pass(escalation);
    assertThat(timer(escalation).getDuedate()).as("managers one hour after the breach was told")
        .isEqualTo(Date.from(START.plus(Duration.ofHours(2)).plusSeconds(1)));
    pass(escalation);

    assertThat(notices).containsExactly("warning to task:assignee,task:candidates",
        "breach to group:incident-managers", "climb to group:managers");
    assertThat(escalation).isEnded().hasPassed(SlaEscalationProcess.END_MANAGERS_TOLD);
  }

  @Test
  void shouldHoldWhilePausedAndMoveTheTargetByThePausedTime() {
    SlaClock clock = startClock();
    ProcessInstance escalation = watch(clock);
    pass(escalation); // reminded at 09:45; the target is 10:00
    at(START.plus(Duration.ofMinutes(50)));
    sla.clocks.pause(INCIDENT, clock.clock());

    pass(escalation); // 10:00: the old target, but the clock is paused
    assertThat(escalation).isWaitingAt(SlaEscalationProcess.GATEWAY_WHILE_PAUSED);
    assertThat(notices).hasSize(1);

    at(START.plus(Duration.ofMinutes(90)));
    sla.clocks.resume(INCIDENT, clock.clock());

    // Ten minutes were left at the pause: the target is now 10:40.
    assertThat(escalation).isWaitingAt(SlaEscalationProcess.GATEWAY_UNTIL_TARGET);
    assertThat(timer(escalation).getDuedate()).isEqualTo(Date.from(START.plus(Duration.ofMinutes(100))));
    SlaClock resumed = sla.repository.find(clock.id()).orElseThrow();
    assertThat(resumed.pausedBusinessTime()).isEqualTo(Duration.ofMinutes(40));
    pass(escalation);
    assertThat(notices).endsWith("breach to group:incident-managers");
  }

  @Test
  void shouldEndWhenTheClockStopsWhilePaused() {
    SlaClock clock = startClock();
    ProcessInstance escalation = watch(clock);
    pass(escalation);
    sla.clocks.pause(INCIDENT, clock.clock());
    pass(escalation);

    sla.clocks.stop(INCIDENT, clock.clock());

    assertThat(escalation).isEnded().hasPassed(SlaEscalationProcess.END_CLOCK_STOPPED);
    assertThat(sla.repository.find(clock.id()).orElseThrow().state(ClockUtil.getCurrentTime().toInstant()))
        .isEqualTo(SlaClock.State.MISSED);
  }

  @Test
  void shouldEndAtOnceWhenTheClockStopsBeforeTheTarget() {
    SlaClock clock = startClock();
    ProcessInstance escalation = watch(clock);
    pass(escalation);

    sla.clocks.stop(INCIDENT, clock.clock());

    assertThat(escalation).isEnded().hasPassed(SlaEscalationProcess.END_CLOCK_STOPPED);
    assertThat(management.createJobQuery().processInstanceId(escalation.getId()).count()).isZero();
    assertThat(sla.repository.find(clock.id()).orElseThrow().state(ClockUtil.getCurrentTime().toInstant()))
        .isEqualTo(SlaClock.State.MET);
  }

  private SlaClock startClock() {
    long id = sla.repository.insert(INCIDENT, "resolve", "PT1H", "24x7", "PT1H", START, START.plus(Duration.ofHours(1)),
        START.plus(Duration.ofMinutes(45)));
    return sla.repository.find(id).orElseThrow();
  }

  private ProcessInstance watch(SlaClock clock) {
    sla.repository.markWatched(clock.id());
    Map<String, Object> variables = new HashMap<>();
    variables.put(INCIDENT_ID, INCIDENT);
    variables.put(SEVERITY, "SEV2");
    variables.put(SLA_TASK_ID, "Task_ResolveIncident");
    variables.put(SLA_TASK_NAME, "Resolve incident");
    variables.put(SlaEscalationProcess.VAR_CLOCK_ID, clock.id());
    variables.put(SlaEscalationProcess.VAR_CLOCK, clock.clock());
    return BpmnAwareTests.runtimeService().startProcessInstanceByKey(SlaEscalationProcess.PROCESS_KEY, INCIDENT,
        variables);
  }

  private Job timer(ProcessInstance escalation) {
    return management.createJobQuery().processInstanceId(escalation.getId()).timers().singleResult();
  }

  /** Runs the due notify steps, then moves the clock past the waiting timer and fires it. */
  private void pass(ProcessInstance escalation) {
    runSteps(escalation);
    Job timer = timer(escalation);
    assertThat(timer).as("a timer waits").isNotNull();
    Instant fire = timer.getDuedate().toInstant().plusSeconds(1);
    if (fire.isAfter(ClockUtil.getCurrentTime().toInstant())) {
      at(fire);
    }
    management.executeJob(timer.getId());
    runSteps(escalation);
  }

  private void runSteps(ProcessInstance escalation) {
    for (Job job; (job = management.createJobQuery().processInstanceId(escalation.getId()).executable().messages()
        .singleResult()) != null; ) {
      management.executeJob(job.getId());
    }
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }
}
