package io.incidentflow.security;

import static io.incidentflow.incident.IncidentProcess.GROUP_COMMUNICATIONS;
import static io.incidentflow.incident.IncidentProcess.GROUP_INCIDENT_MANAGERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_MANAGERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_PROCESS_OWNERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_TECHNICIANS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.tasklist.TasklistFilters;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.TaskPermissions;

/**
 * The role model of the product in one table (the README's role table says the same in words). Camunda's
 * authorizations are created from it at every start ({@link RoleGrants}); the staff API's rules are
 * {@link StaffApiRules}. Task rights are not here: a task's candidate groups and assignee get READ and
 * TASK_WORK on that task, and READ on its incident, when the engine offers it to them
 * ({@link IncidentAuthorizationProvider}). Members of {@code camunda-admin} may do everything, nobody else
 * manages users, groups or authorizations.
 */
public final class Roles {

  /** One row: a group's permissions on a resource ({@code *} for every one of its kind). */
  record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {}

  /** Which Tasklist filters a group sees, by name. */
  record FilterGrant(String group, List<String> filterNames) {}

  static final List<String> ROLE_GROUPS = List.of(GROUP_PROCESS_OWNERS, GROUP_INCIDENT_MANAGERS, GROUP_TECHNICIANS,
      GROUP_COMMUNICATIONS, GROUP_MANAGERS);

  private static final String INCIDENT = IncidentProcess.PROCESS_KEY;
  private static final String REVIEW = IncidentProcess.REVIEW_PROCESS_KEY;
  private static final String TASKLIST = "tasklist";
  private static final String COCKPIT = "cockpit";

  static final List<Grant> GRANTS = List.of(
      // Process owners: deploy models (Modeler's deploy), read every definition, instance and history.
      grant(GROUP_PROCESS_OWNERS, APPLICATION, COCKPIT, ACCESS),
      grant(GROUP_PROCESS_OWNERS, APPLICATION, TASKLIST, ACCESS),
      grant(GROUP_PROCESS_OWNERS, DEPLOYMENT, ANY, CREATE, READ, DELETE),
      grant(GROUP_PROCESS_OWNERS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY),
      grant(GROUP_PROCESS_OWNERS, PROCESS_INSTANCE, ANY, READ),
      grant(GROUP_PROCESS_OWNERS, DECISION_DEFINITION, ANY, READ, READ_HISTORY),
      grant(GROUP_PROCESS_OWNERS, DECISION_REQUIREMENTS_DEFINITION, ANY, READ),
      grant(GROUP_PROCESS_OWNERS, TASK, ANY, READ),

      // Incident managers: start and read every incident, work and reassign every task of it.
      grant(GROUP_INCIDENT_MANAGERS, APPLICATION, TASKLIST, ACCESS),
      grant(GROUP_INCIDENT_MANAGERS, APPLICATION, COCKPIT, ACCESS),
      grant(GROUP_INCIDENT_MANAGERS, PROCESS_DEFINITION, INCIDENT, READ, CREATE_INSTANCE, READ_INSTANCE, READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK),
      grant(GROUP_INCIDENT_MANAGERS, PROCESS_DEFINITION, REVIEW, READ, CREATE_INSTANCE, READ_INSTANCE, READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK),
      grant(GROUP_INCIDENT_MANAGERS, PROCESS_INSTANCE, ANY, CREATE, READ),
      grant(GROUP_INCIDENT_MANAGERS, TASK, ANY, READ, TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN),
      grant(GROUP_INCIDENT_MANAGERS, DECISION_DEFINITION, ANY, READ, READ_HISTORY),
      // Reassigning means picking a person or a group.
      grant(GROUP_INCIDENT_MANAGERS, USER, ANY, READ),
      grant(GROUP_INCIDENT_MANAGERS, GROUP, ANY, READ),

      // Technicians: report an incident, read every incident; they read its tasks through their skill groups
      // (SKILL_GROUP_GRANTS: one grant per group, so a task query joins one row per group, not two) and work
      // the tasks offered to those groups or to them.
      grant(GROUP_TECHNICIANS, APPLICATION, TASKLIST, ACCESS),
      grant(GROUP_TECHNICIANS, PROCESS_DEFINITION, INCIDENT, READ, CREATE_INSTANCE, READ_INSTANCE),
      grant(GROUP_TECHNICIANS, PROCESS_INSTANCE, ANY, CREATE),
      // An action item of a review can be theirs (the task's grants come with it): its form is the review's.
      grant(GROUP_TECHNICIANS, PROCESS_DEFINITION, REVIEW, READ),

      // Communications: their tasks (customer updates), the incidents those belong to.
      grant(GROUP_COMMUNICATIONS, APPLICATION, TASKLIST, ACCESS),
      grant(GROUP_COMMUNICATIONS, PROCESS_DEFINITION, INCIDENT, READ),
      grant(GROUP_COMMUNICATIONS, PROCESS_DEFINITION, REVIEW, READ),

      // Managers: read everything, change nothing.
      grant(GROUP_MANAGERS, APPLICATION, COCKPIT, ACCESS),
      grant(GROUP_MANAGERS, APPLICATION, TASKLIST, ACCESS),
      grant(GROUP_MANAGERS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY),
      grant(GROUP_MANAGERS, PROCESS_INSTANCE, ANY, READ),
      grant(GROUP_MANAGERS, TASK, ANY, READ),
      grant(GROUP_MANAGERS, DECISION_DEFINITION, ANY, READ, READ_HISTORY),
      grant(GROUP_MANAGERS, DECISION_REQUIREMENTS_DEFINITION, ANY, READ),
      grant(GROUP_MANAGERS, DEPLOYMENT, ANY, READ),

      // Not a login: an alert's recovery acknowledges its incident's open Acknowledge task in its name.
      grant(IncidentProcess.ACTOR_MONITORING, TASK, ANY, READ, TaskPermissions.TASK_WORK));

  /**
   * What every skill group (a {@code technician-group} of the service catalog) may do besides working the tasks
   * offered to it: read every incident task, as responders of incident tools do. A grant per open task
   * instead made a technician's Tasklist 40 times slower over 10,000 open incidents (BENCHMARKS.md).
   */
  static final List<Permission> SKILL_GROUP_GRANTS = List.of(ProcessDefinitionPermissions.READ_TASK);

  static Grant skillGroupGrant(String group) {
    return new Grant(group, PROCESS_DEFINITION, INCIDENT, SKILL_GROUP_GRANTS);
  }

  /** Everyone who works tasks; "All open incidents" lists what their grants let them read (the mails link it). */
  static final List<String> WORKING_FILTERS = List.of(TasklistFilters.MY_INCIDENT_TASKS, TasklistFilters.BREACHING_SOON,
      TasklistFilters.ALL_OPEN_INCIDENTS);

  static final List<FilterGrant> FILTERS = List.of(
      new FilterGrant(GROUP_INCIDENT_MANAGERS, WORKING_FILTERS),
      new FilterGrant(GROUP_TECHNICIANS, WORKING_FILTERS),
      new FilterGrant(GROUP_COMMUNICATIONS, WORKING_FILTERS),
      new FilterGrant(GROUP_PROCESS_OWNERS, List.of(TasklistFilters.ALL_OPEN_INCIDENTS)),
      new FilterGrant(GROUP_MANAGERS, List.of(TasklistFilters.ALL_OPEN_INCIDENTS)));

  private static Grant grant(String group, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(group, resource, resourceId, List.of(permissions));
  }

  private Roles() {}
}
