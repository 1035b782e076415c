package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;

import io.incidentflow.incident.ProcessValues;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * What processes/post-incident-review.bpmn reads from the action items in its expressions: which are open
 * (the multi-instance collection), whose each is, when it is due and when to remind its owner. Named
 * {@code reviewActionItems}: the review form's variable {@code actionItems} would hide a bean of that name.
 */
@Component("reviewActionItems")
public class ReviewExpressions {

  private final ActionItemService items;

  ReviewExpressions(ActionItemService items) {
    this.items = items;
  }

  /** The ids of the incident's open action items, in the review's order. */
  public List<Long> open(VariableScope execution) {
    return items.openActionItems(ProcessValues.requiredString(execution, INCIDENT_ID));
  }

  public String owner(Number actionItemId) {
    return items.actionItem(actionItemId.longValue()).owner();
  }

  public Date due(Number actionItemId) {
    return items.dueAt(actionItemId.longValue());
  }

  /** @param before an ISO 8601 duration, e.g. {@code P1D}: a process owner's choice in the model */
  public Date remindAt(Number actionItemId, String before) {
    return items.remindAt(actionItemId.longValue(), before);
  }
}
