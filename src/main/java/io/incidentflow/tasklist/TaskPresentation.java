package io.incidentflow.tasklist;

import io.incidentflow.incident.IncidentVariables;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * What an incident's task says in Tasklist, set as it is created: a name that says what and which
 * ("Resolve incident · INC-2026-0042 · Checkout · SEV1"), the incident's title before the model's
 * documentation, the priority of its severity (severity-targets.dmn, {@code taskPriority}), and the incident's
 * context for the top of its form. Answers the model marks {@value #ASK_AFRESH} are removed, so that a form
 * asked a second time starts empty instead of offering yesterday's choice to a tired thumb.
 */
public class TaskPresentation implements TaskListener {

  /** A user task's extension property: the variables its form asks afresh each time (comma-separated). */
  public static final String ASK_AFRESH = "askAfresh";
  /** Tasklist's default when nothing says otherwise. */
  static final int DEFAULT_PRIORITY = 50;
  static final String SEPARATOR = " · ";

  private final List<String> askAfresh;

  public TaskPresentation(List<String> askAfresh) {
    this.askAfresh = List.copyOf(askAfresh);
  }

  @Override
  public void notify(DelegateTask task) {
    task.setName(name(task.getName(), Stream.of(IncidentVariables.INCIDENT_ID, IncidentVariables.SERVICE_NAME,
        IncidentVariables.SEVERITY).map(task::getVariable).toList()));
    Object title = task.getVariable(IncidentVariables.TITLE);
    if (title != null && !title.toString().isBlank()) {
      task.setDescription(task.getDescription() == null || task.getDescription().isBlank()
          ? title.toString() : title + "\n\n" + task.getDescription());
    }
    task.setPriority(priority(task.getVariable(IncidentVariables.TASK_PRIORITY)));
    // Built before the old answers go: the last resolution note is part of "what was done so far".
    task.setVariableLocal(IncidentVariables.INCIDENT_CONTEXT, IncidentContext.markdown(task::getVariable));
    askAfresh.forEach(task.getExecution()::removeVariable);
  }

  static String name(String taskName, List<Object> which) {
    return Stream.concat(Stream.of(taskName), which.stream())
        .filter(part -> part != null && !part.toString().isBlank())
        .map(Object::toString)
        .collect(Collectors.joining(SEPARATOR));
  }

  static int priority(Object taskPriority) {
    return taskPriority instanceof Number number ? number.intValue() : DEFAULT_PRIORITY;
  }

  List<String> askAfresh() {
    return askAfresh;
  }
}
