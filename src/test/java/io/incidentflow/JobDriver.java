package io.incidentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import io.incidentflow.mail.OutboxSender;
import io.incidentflow.sla.SlaEscalationProcess;
import org.springframework.stereotype.Component;

/**
 * Stands in for the platform's background workers in integration tests: runs the jobs that are due, sends
 * the mail the outbox holds, and moves the engine's clock.
 */
@Component
public class JobDriver {

  private final ManagementService management;
  private final OutboxSender outbox;

  private final RuntimeService runtime;

  public JobDriver(ManagementService management, RuntimeService runtime, OutboxSender outbox) {
    this.management = management;
    this.runtime = runtime;
    this.outbox = outbox;
  }

  /**
   * Runs every job of the instance that is due now, including jobs those jobs create, then sends the
   * outbox; returns how many jobs ran.
   */
  public int runDueJobs(String processInstanceId) {
    int ran = 0;
    for (int round = 0; round < 50; round++) {
      List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(processInstanceId).executable().list());
      // and those of the processes it called (paging) and of its SLA escalations (same business key)
      for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()) {
        due.addAll(management.createJobQuery().processInstanceId(called.getId()).executable().list());
      }
      ProcessInstance incident = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
      if (incident != null && incident.getBusinessKey() != null) {
        for (ProcessInstance escalation : runtime.createProcessInstanceQuery()
            .processDefinitionKey(SlaEscalationProcess.PROCESS_KEY).processInstanceBusinessKey(incident.getBusinessKey())
            .list()) {
          due.addAll(management.createJobQuery().processInstanceId(escalation.getId()).executable().list());
        }
      }
      if (due.isEmpty()) {
        outbox.sendDue();
        return ran;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        ran++;
      }
    }
    throw new AssertionError("Jobs of " + processInstanceId + " keep creating jobs");
  }

  public void advanceClock(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
  }

  public void assertNoFailedJobs(String processInstanceId) {
    assertThat(management.createJobQuery().processInstanceId(processInstanceId).withException().list()).isEmpty();
  }
}
