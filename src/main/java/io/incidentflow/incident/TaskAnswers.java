package io.incidentflow.incident;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * {@code ${taskAnswers.oneOf(task, 'resolveOutcome', 'resolved,cannotResolve,waiting')}} on a task's complete
 * event: an answer the model cannot route (an old form, a script calling the REST API) is refused with a 400
 * naming the variable, instead of failing deep in a gateway; the task stays open.
 */
@Component("taskAnswers")
public class TaskAnswers {

  /** How an answer came when a person completed the task (Tasklist, or the REST API as Tasklist calls it). */
  public static final String VIA_TASKLIST = "Tasklist";

  public void oneOf(DelegateTask task, String variable, String allowed) {
    List<String> values = Arrays.stream(allowed.split(",")).map(String::strip).toList();
    Object answer = task.getVariable(variable);
    if (!(answer instanceof String text) || !values.contains(text)) {
      throw new BadUserRequestException("Task '" + task.getName() + "': variable '" + variable + "' must be one of "
          + values + ", was " + (answer == null ? "missing" : "'" + answer + "'"));
    }
  }

  /**
   * {@code ${taskAnswers.answeredBy(task, 'acknowledgedBy', 'acknowledgedVia')}} on a task's complete event: who
   * answered, when the completion did not say (Tasklist: the task's assignee, else the logged-in user), and how.
   */
  public void answeredBy(DelegateTask task, String whoVariable, String howVariable) {
    if (task.getVariable(whoVariable) != null) {
      return;
    }
    String who = task.getAssignee() != null ? task.getAssignee()
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? null
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    if (who != null) {
      task.getExecution().setVariable(whoVariable, who);
      task.getExecution().setVariable(howVariable, VIA_TASKLIST);
    }
  }
}
