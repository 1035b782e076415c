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
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists no task until a filter exists: the three filters, made once. Who sees which is in
 * {@code security.Roles}.
 */
@Component
@Order(1)
public class TasklistFilters implements ApplicationRunner {

  public static final String MY_TASKS = "My tasks";
  public static final String MY_GROUP_TASKS = "My group tasks";
  public static final String ALL_OPEN_INCIDENTS = "All open incidents";

  private final FilterService filters;
  private final TaskService tasks;

  TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    create(MY_TASKS, "Tasks assigned to me", -10,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(MY_GROUP_TASKS, "Unclaimed tasks of my groups", -5,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    create(ALL_OPEN_INCIDENTS, "Every open task of every incident", 0,
        tasks.createTaskQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY));
  }

  private void create(String name, String description, int priority, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    // Columns Tasklist shows for each task of the list
    properties.put("variables", List.of(
        column(IncidentVariables.INCIDENT_ID, "Incident"),
        column(IncidentVariables.SEVERITY, "Severity"),
        column(IncidentVariables.SERVICE_NAME, "Service"),
        column(IncidentVariables.TITLE, "Title")));
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    filters.saveFilter(filter);
  }

  private static Map<String, String> column(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
