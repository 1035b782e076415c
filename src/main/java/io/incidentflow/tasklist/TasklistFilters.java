package io.incidentflow.tasklist;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists no task until a filter exists. These are made at start and brought up to date on every start
 * (an upgraded database ends like a fresh one); the filters of earlier releases they replace are removed. Who
 * sees which is in {@code security.Roles}. Tasklist opens the filter of the lowest priority property: "My
 * incident tasks" for everyone who has it.
 *
 * <p>Each lists the most urgent first: the task priority (from the severity, SEV1 highest: TaskPresentation),
 * then the nearest SLA due date. Tasklist's own sort applies after this one.
 */
@Component
@Order(1)
public class TasklistFilters implements ApplicationRunner {

  public static final String MY_INCIDENT_TASKS = "My incident tasks";
  public static final String BREACHING_SOON = "Breaching soon";
  public static final String ALL_OPEN_INCIDENTS = "All open incidents";
  /** Filters of earlier releases, replaced by "My incident tasks". */
  static final List<String> REPLACED = List.of("My tasks", "My group tasks");
  /** "Breaching soon": an SLA due date within this window, or passed. */
  static final String BREACHING_WINDOW = "${dateTime().plusHours(1)}";

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  private final FilterService filters;
  private final TaskService tasks;

  TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    save(MY_INCIDENT_TASKS, "Assigned to me, or offered to me or my groups: SEV1 first, then the nearest SLA",
        -10, mine());
    save(BREACHING_SOON, "My incident tasks whose SLA is due within the hour or has passed", -5,
        mine().dueBeforeExpression(BREACHING_WINDOW));
    save(ALL_OPEN_INCIDENTS, "Every open task of every incident: SEV1 first, then the nearest SLA", 0,
        tasks.createTaskQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY));
    for (String name : REPLACED) {
      for (Filter replaced : filters.createFilterQuery().filterName(name).list()) {
        filters.deleteFilter(replaced.getId());
        log.info("Removed the Tasklist filter '{}': '{}' replaces it", name, MY_INCIDENT_TASKS);
      }
    }
  }

  /** Assigned to me, or unassigned and offered to me or one of my groups (candidate queries skip assigned tasks). */
  private TaskQuery mine() {
    return tasks.createTaskQuery().or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateUserExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .endOr();
  }

  private void save(String name, String description, int priority, TaskQuery query) {
    query.orderByTaskPriority().desc().orderByDueDate().asc();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    // The incident's fields each task card of the list shows (user-styles.css keeps them in sight)
    properties.put("variables", List.of(
        column(IncidentVariables.INCIDENT_ID, "Incident"),
        column(IncidentVariables.TITLE, "Title"),
        column(IncidentVariables.SERVICE_NAME, "Service"),
        column(IncidentVariables.SEVERITY, "Severity")));
    Filter filter = filters.createFilterQuery().filterName(name).list().stream().findFirst()
        .orElseGet(() -> filters.newTaskFilter(name));
    filters.saveFilter(filter.setQuery(query).setProperties(properties));
  }

  private static Map<String, String> column(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
