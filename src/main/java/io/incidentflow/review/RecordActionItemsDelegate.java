package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.ACTION_ITEMS;
import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Keeps the review's action items (table action_item), each to become a task for its owner. */
@Component("recordActionItems")
class RecordActionItemsDelegate implements JavaDelegate {

  /** How many action items are open: the model's gateway reads it. */
  static final String OPEN_ACTION_ITEMS = "openActionItems";

  private final ActionItemService items;

  RecordActionItemsDelegate(ActionItemService items) {
    this.items = items;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(OPEN_ACTION_ITEMS, items.recordActionItems(
        ProcessValues.requiredString(execution, INCIDENT_ID), execution.getVariable(ACTION_ITEMS)));
  }
}
