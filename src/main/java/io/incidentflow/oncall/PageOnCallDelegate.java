package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Pages the on-call technicians of the incident's service. */
@Component("pageOnCall")
public class PageOnCallDelegate implements JavaDelegate {

  private final OnCallPager pager;

  public PageOnCallDelegate(OnCallPager pager) {
    this.pager = pager;
  }

  @Override
  public void execute(DelegateExecution execution) {
    pager.page(IncidentSnapshot.of(execution),
        ProcessValues.requiredString(execution, IncidentVariables.TECHNICIAN_GROUP),
        ProcessValues.string(execution, IncidentVariables.RUNBOOK));
  }
}
