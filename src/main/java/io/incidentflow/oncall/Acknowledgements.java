package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentTasks;
import io.incidentflow.incident.IncidentVariables;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Acknowledges an incident for a paged person by completing its Acknowledge task, which ends the paging. An
 * acknowledge link works once: its signature is recorded in the same transaction.
 */
@Service
public class Acknowledgements {

  public enum Outcome { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, LINK_USED, EXPIRED }

  /** @param by who acknowledged (this person, or whoever was first) */
  public record Result(Outcome outcome, String incidentId, String by) {}

  static final String VIA_PAGE_LINK = "page link";

  private final TaskService tasks;
  private final HistoryService history;
  private final JdbcClient jdbc;
  private final Clock clock;

  public Acknowledgements(TaskService tasks, HistoryService history, JdbcClient jdbc, Clock clock) {
    this.tasks = tasks;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** For a verified link: once, before it expires. */
  @Transactional
  public Result byLink(AckLinks.Claim claim) {
    if (clock.instant().isAfter(claim.expires())) {
      return new Result(Outcome.EXPIRED, claim.incidentId(), null);
    }
    if (jdbc.sql("SELECT COUNT(*) FROM used_link WHERE signature = :signature").param("signature", claim.signature())
        .query(Long.class).single() > 0) {
      return new Result(Outcome.LINK_USED, claim.incidentId(), acknowledgedBy(claim.incidentId()));
    }
    try {
      jdbc.sql("INSERT INTO used_link (signature, used_at, used_for) VALUES (:signature, :at, :usedFor)")
          .param("signature", claim.signature()).param("at", Timestamp.from(clock.instant()))
          .param("usedFor", "acknowledge " + claim.incidentId() + " by " + claim.userId()).update();
    } catch (DuplicateKeyException usedMeanwhile) {
      // Two clicks at once: PostgreSQL has aborted this transaction, so nothing more is read in it.
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return new Result(Outcome.LINK_USED, claim.incidentId(), null);
    }
    return acknowledge(claim.incidentId(), claim.userId(), VIA_PAGE_LINK);
  }

  /** Completes the open Acknowledge task in the person's name, if it is still open. */
  public Result acknowledge(String incidentId, String userId, String via) {
    Task task = IncidentTasks.open(tasks, incidentId, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT);
    if (task == null) {
      return new Result(Outcome.ALREADY_ACKNOWLEDGED, incidentId, acknowledgedBy(incidentId));
    }
    tasks.setAssignee(task.getId(), userId);
    tasks.complete(task.getId(), Map.of(IncidentVariables.ACKNOWLEDGED_BY, userId,
        IncidentVariables.ACKNOWLEDGED_VIA, via));
    return new Result(Outcome.ACKNOWLEDGED, incidentId, userId);
  }

  private String acknowledgedBy(String incidentId) {
    HistoricProcessInstance incident = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(incidentId)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
    if (incident == null) {
      return null;
    }
    HistoricVariableInstance by = history.createHistoricVariableInstanceQuery().processInstanceId(incident.getId())
        .variableName(IncidentVariables.ACKNOWLEDGED_BY).singleResult();
    return by == null ? null : String.valueOf(by.getValue());
  }
}
