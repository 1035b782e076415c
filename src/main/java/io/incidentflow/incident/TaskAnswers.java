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

  public void oneOf(DelegateTask task, String variable, String allowed) {
    List<String> values = Arrays.stream(allowed.split(",")).map(String::strip).toList();
    Object answer = task.getVariable(variable);
    if (!(answer instanceof String text) || !values.contains(text)) {
      throw new BadUserRequestException("Task '" + task.getName() + "': variable '" + variable + "' must be one of "
          + values + ", was " + (answer == null ? "missing" : "'" + answer + "'"));
    }
  }
}
