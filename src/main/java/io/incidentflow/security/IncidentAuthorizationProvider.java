package io.incidentflow.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Who may work a task is who it is offered to: its candidate groups and users, its assignee and owner get
 * TASK_WORK on it. Reading: a group that reads every task of the process already (the technicians' skill
 * groups, {@link Roles}) gets no per-task READ; anyone else gets Camunda's default READ on the task and, here,
 * READ on the incident it belongs to (communications, a single paged user). The engine deletes a task's and a
 * process instance's grants when they end.
 */
class IncidentAuthorizationProvider extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    if (readsEveryTaskOf(groupId, task)) {
      // The group reads these tasks through its grant on the process definition. A READ row per open task
      // would make every task query of its members join thousands of rows (BENCHMARKS.md, authorization).
      AuthorizationEntity work = getGrantAuthorizationByGroupId(groupId, Resources.TASK, task.getId());
      if (work == null) {
        work = createGrantAuthorization(null, groupId, Resources.TASK, task.getId());
      }
      work.addPermission(getDefaultUserPermissionForTask());
      return new AuthorizationEntity[] {work};
    }
    return withIncidentRead(super.newTaskGroupIdentityLink(task, groupId, type), task, null, groupId);
  }

  private boolean readsEveryTaskOf(String groupId, Task task) {
    List<String> definitions = new ArrayList<>(List.of(Authorization.ANY));
    if (task.getProcessDefinitionId() != null) {
      definitions.add(Context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey());
    }
    for (String definition : definitions) {
      AuthorizationEntity grant = getGrantAuthorizationByGroupId(groupId, Resources.PROCESS_DEFINITION, definition);
      if (grant != null && grant.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
    return withIncidentRead(super.newTaskUserIdentityLink(task, userId, type), task, userId, null);
  }

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    return withIncidentRead(super.newTaskAssignee(task, oldAssignee, newAssignee), task, newAssignee, null);
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    return withIncidentRead(super.newTaskOwner(task, oldOwner, newOwner), task, newOwner, null);
  }

  private AuthorizationEntity[] withIncidentRead(AuthorizationEntity[] taskGrants, Task task, String userId,
      String groupId) {
    String instanceId = task.getProcessInstanceId();
    if (taskGrants == null || instanceId == null || (userId == null && groupId == null)
        || mayReadAlready(userId, groupId, instanceId)) {
      return taskGrants;
    }
    AuthorizationEntity[] grants = Arrays.copyOf(taskGrants, taskGrants.length + 1);
    grants[taskGrants.length] =
        createGrantAuthorization(userId, groupId, Resources.PROCESS_INSTANCE, instanceId, Permissions.READ);
    return grants;
  }

  /** In this transaction (two tasks of one incident offered to one group) or before it. */
  private boolean mayReadAlready(String userId, String groupId, String instanceId) {
    for (AuthorizationEntity cached : Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (hasEntitySameAuthorizationRights(cached, userId, groupId, Resources.PROCESS_INSTANCE, instanceId)) {
        return true;
      }
    }
    return getGrantAuthorization(instanceId, userId, groupId, Resources.PROCESS_INSTANCE) != null;
  }
}
