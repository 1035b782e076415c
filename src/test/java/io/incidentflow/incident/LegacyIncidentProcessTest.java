package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.incidentflow.oncall.PagingProcess;
import io.incidentflow.platform.EngineClock;
import io.incidentflow.sla.SlaDue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An incident started on incident.bpmn 1.0 (the model as it was before the SLA clocks, kept in test resources)
 * runs on after an upgrade: its model still evaluates the one-table decision incident-severity.dmn, which this
 * version keeps for it, and its due dates still come from {@link SlaDue}. Without the kept table its targets would
 * be empty after scope and no further task could be created.
 */
@Deployment(resources = {"legacy/incident-1.0.bpmn", "processes/incident-severity.dmn", "processes/severity-targets.dmn"})
class LegacyIncidentProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

  private final List<String> recorded = new ArrayList<>();
  private String pagingStandIn;

  @AfterEach
  void tearDown() {
    engine.getProcessEngine().getRepositoryService().deleteDeployment(pagingStandIn, true);
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void shouldTakeAnIncidentOfTheOldModelThroughScopeAndResolutionWithItsTargets() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Instant now = Instant.parse("2026-11-30T09:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    Mocks.register("registerIncident", (JavaDelegate) execution -> {
      execution.setProcessBusinessKey("INC-2026-7");
      execution.setVariable(INCIDENT_ID, "INC-2026-7");
      execution.setVariable(SERVICE_NAME, "Search");
      execution.setVariable(SERVICE_TIER, 2);
      execution.setVariable(TECHNICIAN_GROUP, "database");
      execution.setVariable(RUNBOOK, "Serve the nightly snapshot");
      execution.setVariable(FALLBACK_STARTED, false);
      execution.setVariable(TRAFFIC_REROUTED, false);
      execution.setVariable(MONITORING_RECOVERED, false);
    });
    Mocks.register("recordSeverity", (ExecutionListener) execution -> recorded.add("severity " + execution.getVariable(SEVERITY)));
    Mocks.register("publishIncident", (ExecutionListener) execution -> { });
    Mocks.register("pageResponders", (JavaDelegate) execution -> { });
    Mocks.register("slaDue", new SlaDue(new EngineClock()));
    Mocks.register("recordResolution", (JavaDelegate) execution -> recorded.add("resolved"));
    Mocks.register("closeIncident", (JavaDelegate) execution -> recorded.add("closed"));
    Mocks.register("summarizeNotices", (org.camunda.bpm.engine.delegate.TaskListener) task -> { });
    pagingStandIn = engine.getProcessEngine().getRepositoryService().createDeployment()
        .addModelInstance("page-responders.bpmn", Bpmn.createExecutableProcess(PagingProcess.PROCESS_KEY)
            .camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_PageLevel")
            .camundaDelegateExpression("${pageResponders}").endEvent().done()).deploy().getId();

    ProcessInstance incident = BpmnAwareTests.runtimeService().startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables());
    complete(incident, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(incident, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV2", CUSTOMER_IMPACT, false));

    // The old model read its targets from the one-table decision: SEV2 resolves within PT4H, as before.
    assertThat(incident).variables().containsEntry(SEVERITY, "SEV2").containsEntry(RESOLVE_TARGET, "PT4H");
    Task resolve = BpmnAwareTests.task(TASK_RESOLVE_INCIDENT, incident);
    assertThat(resolve.getDueDate()).isEqualTo(Date.from(now.plus(Duration.ofHours(4))));
    complete(incident, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    assertThat(recorded).containsExactly("severity SEV4", "severity SEV2", "resolved");
    assertThat(incident).isWaitingAt(TASK_HOLD_REVIEW);
  }

  private void complete(ProcessInstance incident, String taskKey, Map<String, Object> variables) {
    BpmnAwareTests.taskService().complete(BpmnAwareTests.task(taskKey, incident).getId(), variables);
  }
}
