package io.incidentflow.oncall;

import static io.incidentflow.oncall.PagingProcess.*;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.incident.ProcessValues;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pages one level of page-responders.bpmn. Nobody reached: the "Paging failed" error moves on to the next
 * level, unless this is the last resort, whose job then fails, retries and ends as an incident in Cockpit.
 */
@Component("pageResponders")
public class PageRespondersDelegate implements JavaDelegate {

  private final ResponderPager pager;

  public PageRespondersDelegate(ResponderPager pager) {
    this.pager = pager;
  }

  /** The incident that called the paging, else the paging itself (each variable costs three rows). */
  private static DelegateExecution shownOn(DelegateExecution execution) {
    DelegateExecution paging = execution.getProcessInstance();
    DelegateExecution caller = paging.getSuperExecution();
    return caller == null ? paging : caller.getProcessInstance();
  }

  @Override
  public void execute(DelegateExecution execution) {
    int round = ((Number) execution.getVariable(ROUND)).intValue();
    int level = ((Number) execution.getVariable(LEVEL_NUMBER)).intValue();
    ResponderPager.Result result = pager.page(new ResponderPager.Level(IncidentSnapshot.of(execution),
        ProcessValues.string(execution, IncidentVariables.RUNBOOK), round, level,
        ProcessValues.requiredString(execution, TARGETS)));
    String lines = result.attempts().stream().map(PageAttempt::logLine).collect(Collectors.joining("\n"));
    String reached = level == 0 ? "final level" : "round " + round + ", level " + level;
    // Shown on the incident (Cockpit, and its history).
    DelegateExecution incident = shownOn(execution);
    String before = (String) incident.getVariableLocal(PAGE_LOG);
    incident.setVariableLocal(PAGE_LOG, before == null || before.isEmpty() ? lines : before + "\n" + lines);
    incident.setVariableLocal(LEVEL_REACHED, reached);
    if (result.reached().isEmpty()) {
      String reason = "Nobody reached at " + (level == 0 ? "the final level" : "level " + level) + ": "
          + result.attempts().stream().map(PageAttempt::logLine).collect(Collectors.joining("; "));
      if (Boolean.TRUE.equals(execution.getVariable(LAST_RESORT))) {
        throw new IllegalStateException(reason);
      }
      throw new BpmnError(ERROR_PAGING_FAILED, reason);
    }
  }
}
