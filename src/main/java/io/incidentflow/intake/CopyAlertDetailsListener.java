package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentVariables.*;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Gives an incident opened by an alert what the alert tells (service, title, severity, ...) as process variables.
 * Intake starts the instance with its business key only and this runs in the job after "Alert received", so
 * the intake's transaction writes no variables. The alert is in the database before the job can run: it is
 * stored in the transaction that started the instance.
 */
@Component("copyAlertDetails")
public class CopyAlertDetailsListener implements ExecutionListener {

  private final AlertRepository alerts;

  public CopyAlertDetailsListener(AlertRepository alerts) {
    this.alerts = alerts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String incidentId = execution.getProcessBusinessKey();
    AlertRepository.Opening alert = alerts.openingOf(incidentId).orElseThrow(() -> new IllegalStateException(
        "No stored alert opened incident '" + incidentId + "': an instance started at \"Alert received\" needs "
            + "the intake's alert row (table alert, outcome OPENED) with this incident id"));
    execution.setVariable(SERVICE_ID, alert.serviceId());
    execution.setVariable(TITLE, AlertText.title(alert.summary()));
    execution.setVariable(DESCRIPTION, AlertText.limit(alert.description(), 4000));
    execution.setVariable(CUSTOMER_IMPACT, alert.customerImpact());
    execution.setVariable(REPORTED_SEVERITY, alert.severity());
    execution.setVariable(REPORTER, alert.source().reporter());
    execution.setVariable(ALERT_SOURCE, alert.source().reporter());
    // Repeats may have come in before this job ran: count them all, as AlertActivitySync does later on. Every
    // alert of the incident belongs to one of its keys, so the per-key list gives the totals too.
    List<AlertRepository.KeyActivity> keys = alerts.keysOf(incidentId);
    execution.setVariable(ALERT_COUNT, keys.stream().mapToLong(AlertRepository.KeyActivity::count).sum());
    execution.setVariable(ALERT_LAST_SEEN_AT, keys.stream().map(AlertRepository.KeyActivity::lastSeenAt)
        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow().toString());
    execution.setVariable(ALERTS, AlertText.digest(keys));
  }
}
