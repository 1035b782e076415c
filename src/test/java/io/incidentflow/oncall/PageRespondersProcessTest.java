package io.incidentflow.oncall;

import static io.incidentflow.oncall.PagingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.incidentflow.incident.IncidentVariables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * One test per path of processes/page-responders.bpmn with the real escalation-policy.dmn, on a bare engine.
 * The paging delegate is a recorder that reaches someone or nobody as the test says (ResponderPager has its own
 * tests). Acknowledging, which ends this process from the incident, is tested in IncidentProcessTest.
 */
@Deployment(resources = {"processes/page-responders.bpmn", "processes/escalation-policy.dmn"})
class PageRespondersProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

  private final List<String> pages = new ArrayList<>();
  private final Set<String> nobodyAt = new HashSet<>();
  private ManagementService management;

  @BeforeEach
  void setUp() {
    management = engine.getProcessEngine().getManagementService();
    BpmnAwareTests.init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(new Date());
    Mocks.register("pageResponders", (JavaDelegate) execution -> {
      String at = "r" + execution.getVariable(ROUND) + "l" + execution.getVariable(LEVEL_NUMBER);
      pages.add(at + " " + execution.getVariable(TARGETS));
      if (nobodyAt.contains(at)) {
        if (Boolean.TRUE.equals(execution.getVariable(LAST_RESORT))) {
          throw new IllegalStateException("Nobody reached at the final level");
        }
        throw new BpmnError(ERROR_PAGING_FAILED, "Nobody reached at " + at);
      }
    });
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void shouldPageEachLevelAfterThePreviousLevelsDelayThenRepeatThenPageTheFinalLevel() {
    ProcessInstance paging = start("checkout", "application");

    pageDueLevel(paging);
    assertThat(pages).containsExactly("r1l1 schedule:application-primary");
    assertThat(paging).isWaitingAt(TIMER_LEVEL_DELAY);
    assertThat(management.createJobQuery().processInstanceId(paging.getId()).executable().count())
        .as("level 2 waits for level 1's five minutes").isZero();

    passDelay(paging, Duration.ofMinutes(5));
    pageDueLevel(paging);
    passDelay(paging, Duration.ofMinutes(5));
    pageDueLevel(paging);
    passDelay(paging, Duration.ofMinutes(5));
    pageDueLevel(paging);
    passDelay(paging, Duration.ofMinutes(5));
    pageDueLevel(paging);

    assertThat(pages).containsExactly("r1l1 schedule:application-primary", "r1l2 schedule:application-secondary",
        "r2l1 schedule:application-primary", "r2l2 schedule:application-secondary",
        "r3l0 group:incident-managers");
    assertThat(paging).isEnded().hasPassed(END_FINAL_LEVEL_PAGED);
    assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery().processInstanceId(paging.getId())
        .variableName(ESCALATION_LEVELS).count()).isOne();
  }

  @Test
  void shouldGoToTheNextLevelAtOnceWhenALevelReachesNobody() {
    nobodyAt.add("r1l1");
    ProcessInstance paging = start("search", "database");

    pageDueLevel(paging);
    assertThat(paging).hasPassed(BOUNDARY_PAGING_FAILED, END_LEVEL_SKIPPED);
    pageDueLevel(paging);

    assertThat(pages).containsExactly("r1l1 schedule:database-primary", "r1l2 schedule:database-secondary");
    assertThat(paging).isWaitingAt(TIMER_LEVEL_DELAY);
    assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery().processInstanceId(paging.getId())
        .variableName(PAGING_ERROR).singleResult().getValue()).isEqualTo("Nobody reached at r1l1");
  }

  @Test
  void shouldLeaveAFailedJobForCockpitWhenTheFinalLevelReachesNobody() {
    nobodyAt.add("r2l0");
    ProcessInstance paging = start(Map.of(IncidentVariables.SERVICE_ID, "unrouted",
        IncidentVariables.TECHNICIAN_GROUP, "incident-managers", PAGING_ROUNDS, 1,
        FINAL_TARGETS, "group:incident-managers"));
    pageDueLevel(paging);
    passDelay(paging, Duration.ofMinutes(5));

    Job last = management.createJobQuery().processInstanceId(paging.getId()).executable().singleResult();
    assertThatThrownBy(() -> management.executeJob(last.getId())).hasMessageContaining("final level");

    assertThat(pages).containsExactly("r1l1 group:incident-managers", "r2l0 group:incident-managers");
    assertThat(management.createJobQuery().jobId(last.getId()).singleResult().getRetries()).isEqualTo(4);
    assertThat(paging).isNotEnded();
  }

  @Test
  void shouldPageTheTechnicianGroupOfAServiceWithoutAPolicy() {
    ProcessInstance paging = start("billing", "billing-team");

    pageDueLevel(paging);

    assertThat(pages).containsExactly("r1l1 group:billing-team");
  }

  private ProcessInstance start(String service, String group) {
    return start(Map.of(IncidentVariables.SERVICE_ID, service, IncidentVariables.TECHNICIAN_GROUP, group,
        PAGING_ROUNDS, 2, FINAL_TARGETS, "group:incident-managers"));
  }

  private ProcessInstance start(Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put(IncidentVariables.INCIDENT_ID, "INC-2026-0007");
    return BpmnAwareTests.runtimeService().startProcessInstanceByKey(PROCESS_KEY, "INC-2026-0007", all);
  }

  /** Runs the one paging job that is due. */
  private void pageDueLevel(ProcessInstance paging) {
    Job job = management.createJobQuery().processInstanceId(paging.getId()).executable().singleResult();
    assertThat(job).as("a paging job is due").isNotNull();
    management.executeJob(job.getId());
  }

  private void passDelay(ProcessInstance paging, Duration delay) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + delay.toMillis()));
    Job timer = management.createJobQuery().processInstanceId(paging.getId()).timers().executable().singleResult();
    assertThat(timer).as("the level's delay has passed").isNotNull();
    management.executeJob(timer.getId());
  }
}
