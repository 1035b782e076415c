package io.incidentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The integration tests' people at work: a user's task worked as Tasklist does it, logged in with the user's
 * groups (whose rights the engine checks), claiming first what is not theirs yet.
 */
@Component
public class TaskWorker {

  private final TaskService tasks;
  private final IdentityService identity;

  public TaskWorker(TaskService tasks, IdentityService identity) {
    this.tasks = tasks;
    this.identity = identity;
  }

  /** @return the incident's open task of that key; fails when there is none */
  public Task openTask(String processInstanceId, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task %s", taskKey).isNotNull();
    return task;
  }

  public void complete(String processInstanceId, String taskKey, String user, Map<String, Object> variables) {
    Task task = openTask(processInstanceId, taskKey);
    logIn(user);
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Logged in as the user, with their groups, until {@link IdentityService#clearAuthentication()}. */
  public void logIn(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
  }
}
