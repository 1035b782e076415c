package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Identify: stores the reported incident, makes its id the business key and copies the service's data. */
@Component("registerIncident")
public class RegisterIncidentDelegate implements JavaDelegate {

  private final IncidentService incidents;
  private final ServiceCatalog catalog;

  public RegisterIncidentDelegate(IncidentService incidents, ServiceCatalog catalog) {
    this.incidents = incidents;
    this.catalog = catalog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reporter = ProcessValues.string(execution, REPORTER);
    if (reporter == null) {
      // Reported in Tasklist or over REST: the logged-in user. (Not camunda:initiator, which writes a variable at
      // every start, each alert's included, where intake keeps its transaction to the bare start.)
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      reporter = user == null ? null : user.getUserId();
      execution.setVariable(REPORTER, reporter);
    }
    IncidentReport report = new IncidentReport(
        ProcessValues.string(execution, SERVICE_ID),
        ProcessValues.string(execution, TITLE),
        ProcessValues.string(execution, DESCRIPTION),
        ProcessValues.flag(execution, CUSTOMER_IMPACT),
        ProcessValues.string(execution, REPORTED_SEVERITY),
        reporter);
    Incident incident;
    try {
      incident = incidents.open(execution.getProcessBusinessKey(), report, execution.getProcessInstanceId());
    } catch (InvalidIncidentException e) {
      // Tasklist and the REST API's submit-form answer this with 400 and the message, and start nothing.
      throw new FormFieldValidationException(e.field(), e.getMessage());
    }
    ServiceDefinition service = catalog.get(incident.serviceId());

    execution.setProcessBusinessKey(incident.id());
    execution.setVariable(INCIDENT_ID, incident.id());
    // Set only what registration changed: every write is three rows with full history.
    setIfChanged(execution, TITLE, incident.title());
    setIfChanged(execution, CUSTOMER_IMPACT, report.customerImpact());
    execution.setVariable(SERVICE_NAME, service.name());
    execution.setVariable(SERVICE_TIER, service.tier());
    execution.setVariable(TECHNICIAN_GROUP, service.technicianGroup());
    execution.setVariable(RUNBOOK, service.runbook());
    execution.setVariable(AFFECTED_SERVICES, ProcessValues.jsonList(List.of(service.id())));
    execution.setVariable(FALLBACK_STARTED, false);
    execution.setVariable(TRAFFIC_REROUTED, false);
    execution.setVariable(CUSTOMER_UPDATE_COUNT, 0);
    if (execution.getVariable(MONITORING_RECOVERED) == null) {
      execution.setVariable(MONITORING_RECOVERED, false);
    }
  }

  private static void setIfChanged(DelegateExecution execution, String name, Object value) {
    if (!Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }
}
