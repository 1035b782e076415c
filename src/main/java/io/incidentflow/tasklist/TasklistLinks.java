package io.incidentflow.tasklist;

import io.incidentflow.mail.MailProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Links from mails and pages straight into Tasklist: one task (Tasklist's {@code ?task=} deep link), and one
 * incident's open tasks (the "All open incidents" filter searched by the incident id, the business key).
 */
@Component
public class TasklistLinks {

  private final String tasklist;
  private final Supplier<String> allOpenIncidentsFilterId;
  /** Looked up once found: every page and SLA mail links it, and the filter keeps its id (TasklistFilters). */
  private volatile String knownFilterId;

  @Autowired
  public TasklistLinks(MailProperties mail, FilterService filters) {
    this(mail.publicUrl(), () -> filters.createFilterQuery().filterName(TasklistFilters.ALL_OPEN_INCIDENTS).list()
        .stream().map(Filter::getId).findFirst().orElse(null));
  }

  /** @param allOpenIncidentsFilterId the id of the "All open incidents" filter, null when there is none */
  public TasklistLinks(String publicUrl, Supplier<String> allOpenIncidentsFilterId) {
    this.tasklist = publicUrl + "/camunda/app/tasklist/default/";
    this.allOpenIncidentsFilterId = allOpenIncidentsFilterId;
  }

  /** Tasklist's start page when the task is not known (not created yet, or done). */
  public String task(String taskId) {
    return taskId == null ? tasklist : tasklist + "#/?task=" + taskId;
  }

  public String incident(String incidentId) {
    String filterId = knownFilterId;
    if (filterId == null) {
      filterId = allOpenIncidentsFilterId.get();
      knownFilterId = filterId;
    }
    String search = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\"" + incidentId
        + "\",\"name\":\"\"}]";
    return tasklist + "#/?" + (filterId == null ? "" : "filter=" + filterId + "&") + "searchQuery="
        + URLEncoder.encode(search, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
