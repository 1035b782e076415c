package io.incidentflow.timeline;

import static io.incidentflow.incident.IncidentVariables.ACKNOWLEDGED_BY;
import static io.incidentflow.incident.IncidentVariables.ANSWER_RECEIVED;
import static io.incidentflow.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.incidentflow.incident.IncidentVariables.FALLBACK_STARTED;
import static io.incidentflow.incident.IncidentVariables.MONITORING_RECOVERED;
import static io.incidentflow.incident.IncidentVariables.RECOVERY_CONFIRMED;
import static io.incidentflow.incident.IncidentVariables.RESOLVE_OUTCOME;
import static io.incidentflow.incident.IncidentVariables.SEVERITY;
import static io.incidentflow.incident.IncidentVariables.TRAFFIC_REROUTED;
import static io.incidentflow.incident.IncidentVariables.UPDATE_APPROVED;
import static io.incidentflow.incident.IncidentVariables.WAITING_FOR;

import io.incidentflow.timeline.TimelineStep.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * The steps Camunda's history records of an incident: the activities of its instance and of the processes it
 * called (paging), its user tasks (created, assigned, completed with who and whether by the due date), the
 * changes of the few variables that matter, and what people did through the API (the user operation log).
 */
@Component
class EngineHistorySteps {

  /** Variables whose changes are steps; the others (texts, alert counts refreshed every few seconds) are not. */
  static final Set<String> VARIABLES = Set.of(SEVERITY, CUSTOMER_IMPACT, RESOLVE_OUTCOME, WAITING_FOR, ANSWER_RECEIVED,
      FALLBACK_STARTED, TRAFFIC_REROUTED, MONITORING_RECOVERED, RECOVERY_CONFIRMED, UPDATE_APPROVED, ACKNOWLEDGED_BY);

  /** Activities the timeline leaves out: user tasks are told by their task steps, gateways decide nothing visible. */
  static final Set<String> SKIPPED_ACTIVITY_TYPES = Set.of("userTask", "exclusiveGateway", "parallelGateway",
      "inclusiveGateway", "eventBasedGateway", "multiInstanceBody");

  /** Task operations the task steps already tell. */
  static final Set<String> TASK_OPERATIONS_TOLD = Set.of(UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
      UserOperationLogEntry.OPERATION_TYPE_CLAIM, UserOperationLogEntry.OPERATION_TYPE_ASSIGN);

  private final HistoryService history;

  EngineHistorySteps(HistoryService history) {
    this.history = history;
  }

  /** The incident's instances (one, or more after a migration) and the instances they called, parents first. */
  List<HistoricProcessInstance> instances(String processKey, String incidentId) {
    List<HistoricProcessInstance> all = new ArrayList<>(history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey).processInstanceBusinessKey(incidentId).orderByProcessInstanceStartTime().asc()
        .list());
    for (int i = 0; i < all.size(); i++) {
      all.addAll(history.createHistoricProcessInstanceQuery().superProcessInstanceId(all.get(i).getId())
          .orderByProcessInstanceStartTime().asc().list());
    }
    return all;
  }

  List<TimelineStep> steps(String incidentId, List<HistoricProcessInstance> instances) {
    List<UserOperationLogEntry> operations = new ArrayList<>();
    List<TimelineStep> activities = new ArrayList<>();
    List<TimelineStep> variables = new ArrayList<>();
    Map<String, String> activityNames = new HashMap<>();
    for (HistoricProcessInstance instance : instances) {
      operations.addAll(history.createUserOperationLogQuery().processInstanceId(instance.getId())
          .orderByTimestamp().asc().list());
    }
    Map<String, String> userOfOperation = new HashMap<>();
    operations.stream().filter(entry -> entry.getUserId() != null)
        .forEach(entry -> userOfOperation.putIfAbsent(entry.getOperationId(), entry.getUserId()));
    for (HistoricProcessInstance instance : instances) {
      activities.addAll(activities(instance, activityNames));
      if (instance.getSuperProcessInstanceId() == null) { // a called process has copies of the incident's
        variables.addAll(variables(instance, userOfOperation));
      }
    }
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(incidentId).orderByHistoricActivityInstanceStartTime().asc().list();
    Map<String, String> taskNames = new HashMap<>();
    tasks.forEach(task -> taskNames.put(task.getId(),
        activityNames.getOrDefault(task.getActivityInstanceId(), task.getName())));
    return TimelineOrder.merge(activities, tasks(tasks, taskNames, operations), variables,
        operations(operations, taskNames));
  }

  private List<TimelineStep> activities(HistoricProcessInstance instance, Map<String, String> names) {
    List<TimelineStep> steps = new ArrayList<>();
    boolean started = false;
    for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list()) {
      String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
      names.put(activity.getId(), name);
      if (SKIPPED_ACTIVITY_TYPES.contains(activity.getActivityType())) {
        continue;
      }
      // The instance's first start event was started by whoever reported the incident.
      boolean start = !started && instance.getSuperProcessInstanceId() == null
          && activity.getActivityType().toLowerCase().contains("startevent")
          && activity.getParentActivityInstanceId().equals(instance.getId());
      started |= start;
      steps.add(TimelineStep.of(instant(activity.getStartTime()), start ? Kind.PROCESS_STARTED : Kind.ACTIVITY, name,
          start ? instance.getStartUserId() : null));
    }
    return steps;
  }

  private List<TimelineStep> tasks(List<HistoricTaskInstance> tasks, Map<String, String> taskNames,
      List<UserOperationLogEntry> operations) {
    Map<String, String> completedBy = new HashMap<>();
    operations.stream()
        .filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()))
        .filter(entry -> entry.getTaskId() != null && entry.getUserId() != null)
        .forEach(entry -> completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId()));
    List<TimelineStep> steps = new ArrayList<>();
    for (HistoricTaskInstance task : tasks) {
      String name = taskNames.get(task.getId());
      steps.add(TimelineStep.of(instant(task.getStartTime()), Kind.TASK_CREATED, name, null));
      for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
          .type(IdentityLinkType.ASSIGNEE).operationType("add").orderByTime().asc().list()) {
        String by = link.getAssignerId() == null || link.getAssignerId().equals(link.getUserId()) ? ""
            : " by " + link.getAssignerId();
        boolean handedOver = link.getTime().getTime() == task.getStartTime().getTime();
        steps.add(TimelineStep.of(instant(link.getTime()), handedOver ? Kind.TASK_ASSIGNED : Kind.TASK_CLAIMED,
            name + " assigned to " + link.getUserId() + by, link.getUserId()));
      }
      if (task.getEndTime() != null) {
        boolean completed = "completed".equals(task.getDeleteReason());
        Instant end = instant(task.getEndTime());
        Instant due = instant(task.getDueDate());
        steps.add(new TimelineStep(end, completed ? Kind.TASK_COMPLETED : Kind.TASK_CANCELLED,
            completed ? name : name + " (" + task.getDeleteReason() + ")",
            completedBy.getOrDefault(task.getId(), task.getAssignee()), due,
            due == null || !completed ? null : !end.isAfter(due)));
      }
    }
    return steps;
  }

  /** Each change of a variable that matters, with who made it where the operation log says. */
  private List<TimelineStep> variables(HistoricProcessInstance instance, Map<String, String> userOfOperation) {
    List<TimelineStep> steps = new ArrayList<>();
    Map<String, Object> last = new HashMap<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
        .processInstanceId(instance.getId()).disableCustomObjectDeserialization().orderByTime().asc()
        .orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      String name = update.getVariableName();
      if (!VARIABLES.contains(name)) {
        continue; // before reading the value: an object variable's is not deserialized here
      }
      Object value = update.getValue();
      boolean first = !last.containsKey(name);
      // A flag's first value, false, is the model's default, not a step; customer impact is reported.
      boolean unsetFlag = first && Boolean.FALSE.equals(value) && !CUSTOMER_IMPACT.equals(name);
      if (value == null || Objects.equals(last.put(name, value), value) || unsetFlag) {
        continue;
      }
      String who = userOfOperation.get(update.getUserOperationId());
      if (ACKNOWLEDGED_BY.equals(name)) {
        steps.add(TimelineStep.of(instant(update.getTime()), Kind.ACKNOWLEDGED, "Acknowledged by " + value,
            String.valueOf(value)));
      } else {
        steps.add(TimelineStep.of(instant(update.getTime()), Kind.VARIABLE, name + ": " + value, who));
      }
    }
    return steps;
  }

  /** What people did through Tasklist, Cockpit or the REST API that the task steps do not tell already. */
  private static List<TimelineStep> operations(List<UserOperationLogEntry> entries, Map<String, String> taskNames) {
    List<TimelineStep> steps = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (UserOperationLogEntry entry : entries) {
      boolean told = UserOperationLogEntry.ENTITY_TYPE_TASK.equals(entry.getEntityType())
          && TASK_OPERATIONS_TOLD.contains(entry.getOperationType());
      boolean start = org.camunda.bpm.engine.EntityTypes.PROCESS_INSTANCE.equals(entry.getEntityType())
          && UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(entry.getOperationType());
      if (told || start || !seen.add(entry.getOperationId())) {
        continue;
      }
      String on = entry.getTaskId() != null ? " " + taskNames.getOrDefault(entry.getTaskId(), entry.getTaskId()) : "";
      steps.add(TimelineStep.of(instant(entry.getTimestamp()), Kind.OPERATION,
          entry.getOperationType() + " " + entry.getEntityType() + on, entry.getUserId()));
    }
    return steps;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
