package io.incidentflow.security;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Tasks created while authorization checks were off (a database from an earlier release) have no grants, so
 * their candidates would no longer see them. This gives each such task the grants the engine gives a task
 * created now, through the same {@link IncidentAuthorizationProvider}.
 */
@Component
class OpenTaskGrants {

  private static final int BATCH = 200;

  private final TaskService tasks;
  private final ManagementService management;
  private final ProcessEngineConfigurationImpl configuration;

  OpenTaskGrants(TaskService tasks, ManagementService management, ProcessEngineConfigurationImpl configuration) {
    this.tasks = tasks;
    this.management = management;
    this.configuration = configuration;
  }

  /** @return how many tasks had no grant at all */
  int grantMissing() {
    if (!configuration.isAuthorizationEnabled()) {
      return 0;
    }
    List<String> ids = tasks.createNativeTaskQuery()
        .sql("SELECT RES.* FROM " + management.getTableName(Task.class) + " RES WHERE NOT EXISTS (SELECT 1 FROM "
            + management.getTableName(AuthorizationEntity.class)
            + " A WHERE A.RESOURCE_TYPE_ = #{type} AND A.RESOURCE_ID_ = RES.ID_)")
        .parameter("type", Resources.TASK.resourceType())
        .list().stream().map(Task::getId).toList();
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
      configuration.getCommandExecutorTxRequired().execute(context -> {
        batch.forEach(id -> grant(context, id));
        return null;
      });
    }
    return ids.size();
  }

  private void grant(CommandContext context, String taskId) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    ResourceAuthorizationProvider provider = configuration.getResourceAuthorizationProvider();
    if (task.getAssignee() != null) {
      save(context, provider.newTaskAssignee(task, null, task.getAssignee()));
    }
    for (IdentityLinkEntity link : task.getIdentityLinks()) {
      // The assignee's grant is made above; a second one for the same user in this transaction would clash.
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())
          || (link.getUserId() != null && link.getUserId().equals(task.getAssignee()))) {
        continue;
      }
      save(context, link.isGroup()
          ? provider.newTaskGroupIdentityLink(task, link.getGroupId(), link.getType())
          : provider.newTaskUserIdentityLink(task, link.getUserId(), link.getType()));
    }
  }

  private static void save(CommandContext context, AuthorizationEntity[] grants) {
    context.getTaskManager().saveDefaultAuthorizations(grants);
  }
}
