package io.incidentflow.incidentpage;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.timeline.UnknownIncidentException;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * An incident's diagram with its history on it: the model of the version its instance runs or ran on (a running
 * incident keeps its version after a new deployment), and that instance's activity history, running or finished.
 */
@Service
public class IncidentDiagrams {

  private final HistoryService history;
  private final RepositoryService repository;

  IncidentDiagrams(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  /**
   * The incident's process instance as the history knows it, the latest if it was ever started twice.
   *
   * @throws UnknownIncidentException when no incident has that id
   */
  HistoricProcessInstance instance(String incidentId) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).processInstanceBusinessKey(incidentId)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1);
    if (instances.isEmpty()) {
      throw new UnknownIncidentException(incidentId);
    }
    return instances.get(0);
  }

  /** @throws UnknownIncidentException when no incident has that id */
  public String svg(String incidentId) {
    return svg(incidentId, instance(incidentId));
  }

  String svg(String incidentId, HistoricProcessInstance instance) {
    // One query for every run of the instance, sub-processes included; called processes have their own models.
    List<ActivityRun> runs = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list()
        .stream().map(activity -> new ActivityRun(activity.getActivityId(), activity.getStartTime().toInstant(),
            activity.getEndTime() == null ? null : activity.getEndTime().toInstant(), activity.isCanceled(),
            activity.getAssignee()))
        .toList();
    return DiagramSvg.render(repository.getBpmnModelInstance(instance.getProcessDefinitionId()),
        "Incident " + incidentId, runs);
  }
}
