package io.incidentflow.security;

import java.util.Arrays;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default grants, plus one: whoever a task is offered to (a candidate group or user, the assignee,
 * the owner) may also read the incident it belongs to, so that a technician sees the incidents of their
 * group's tasks and no other. The engine deletes a process instance's grants when it ends.
 */
class IncidentAuthorizationProvider extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    return withIncidentRead(super.newTaskGroupIdentityLink(task, groupId, type), task, null, groupId);
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
