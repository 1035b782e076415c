package io.incidentflow.incident;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/** Finding an incident's open user task by its id in the model (the business key is the incident id). */
public final class IncidentTasks {

  private IncidentTasks() {}

  /** @return null when the incident has no such task open (done already, or not reached) */
  public static Task open(TaskService tasks, String incidentId, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(incidentId)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).taskDefinitionKey(taskKey).active().singleResult();
  }
}
