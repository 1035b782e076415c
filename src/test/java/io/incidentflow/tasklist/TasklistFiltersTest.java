package io.incidentflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared Tasklist filters on a bare engine: what each lists for whom, in which order, and the upgrade. */
class TasklistFiltersTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

  private FilterService filters;
  private TaskService tasks;
  private IdentityService identity;

  @BeforeEach
  void setUp() {
    ProcessEngine processEngine = engine.getProcessEngine();
    filters = processEngine.getFilterService();
    tasks = processEngine.getTaskService();
    identity = processEngine.getIdentityService();
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    filters.createFilterQuery().list().forEach(filter -> filters.deleteFilter(filter.getId()));
    tasks.createTaskQuery().list().forEach(task -> tasks.deleteTask(task.getId(), true));
  }

  @Test
  void shouldReplaceTheFiltersOfEarlierReleasesAndBringTheirOwnUpToDate() {
    filters.saveFilter(filters.newTaskFilter("My group tasks").setQuery(tasks.createTaskQuery().taskUnassigned()));
    filters.saveFilter(filters.newTaskFilter(TasklistFilters.MY_INCIDENT_TASKS)
        .setQuery(tasks.createTaskQuery().taskName("an old query")).setProperties(Map.of("priority", 7)));
    String id = filters.createFilterQuery().filterName(TasklistFilters.MY_INCIDENT_TASKS).singleResult().getId();

    new TasklistFilters(filters, tasks).run(null);
    new TasklistFilters(filters, tasks).run(null);

    assertThat(filters.createFilterQuery().list()).extracting(Filter::getName).containsExactlyInAnyOrder(
        TasklistFilters.MY_INCIDENT_TASKS, TasklistFilters.BREACHING_SOON, TasklistFilters.ALL_OPEN_INCIDENTS);
    Filter mine = filters.getFilter(id);
    assertThat(mine.getProperties()).containsEntry("priority", -10).containsKey("variables");
    assertThat(mine.getQuery().toString()).doesNotContain("an old query");
  }

  @Test
  void shouldListMyTasksAndMyGroupsUnclaimedOnesTheMostUrgentFirst() {
    new TasklistFilters(filters, tasks).run(null);
    Task mineLowDueLater = task("mine", "tom", null, null, 30, Duration.ofHours(8));
    Task groupSev1 = task("group SEV1", null, "application", null, 90, Duration.ofHours(2));
    Task groupSev1Sooner = task("group SEV1 sooner", null, "application", null, 90, Duration.ofMinutes(20));
    task("claimed by amy", "amy", "application", null, 90, Duration.ofMinutes(5));
    task("another group", null, "database", null, 90, Duration.ofMinutes(5));
    Task offeredToMe = task("offered to me", null, null, "tom", 50, Duration.ofDays(2));

    identity.setAuthentication("tom", List.of("technicians", "application"));

    assertThat(names(TasklistFilters.MY_INCIDENT_TASKS)).containsExactly(groupSev1Sooner.getName(), groupSev1.getName(),
        offeredToMe.getName(), mineLowDueLater.getName());
    assertThat(names(TasklistFilters.BREACHING_SOON)).containsExactly(groupSev1Sooner.getName());
  }

  private List<String> names(String filterName) {
    String id = filters.createFilterQuery().filterName(filterName).singleResult().getId();
    return filters.<Task>list(id).stream().map(Task::getName).toList();
  }

  private Task task(String name, String assignee, String group, String candidateUser, int priority, Duration dueIn) {
    Task task = tasks.newTask();
    task.setName(name);
    task.setAssignee(assignee);
    task.setPriority(priority);
    task.setDueDate(Date.from(Instant.now().plus(dueIn)));
    tasks.saveTask(task);
    if (group != null) {
      tasks.addCandidateGroup(task.getId(), group);
    }
    if (candidateUser != null) {
      tasks.addCandidateUser(task.getId(), candidateUser);
    }
    return task;
  }
}
