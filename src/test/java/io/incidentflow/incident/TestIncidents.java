package io.incidentflow.incident;

import static io.incidentflow.incident.IncidentVariables.*;

import java.util.HashMap;
import java.util.Map;

/** Ready variable maps for starting the incident process, as the start form would submit them. */
public final class TestIncidents {

  private final Map<String, Object> variables = new HashMap<>();

  private TestIncidents(String serviceId, String title) {
    variables.put(SERVICE_ID, serviceId);
    variables.put(TITLE, title);
    variables.put(DESCRIPTION, "Reported in a test");
    variables.put(CUSTOMER_IMPACT, false);
  }

  /** SEV2 (reported) checkout outage that customers feel. */
  public static TestIncidents checkoutOutageWithCustomersAffected() {
    return new TestIncidents("checkout", "Card payments fail").customerImpact(true).severity("SEV2");
  }

  /** A warning on search nobody outside notices: the severity decision makes it SEV4. */
  public static TestIncidents searchWarningWithoutCustomerImpact() {
    return new TestIncidents("search", "Search index lag").customerImpact(false).severity("warning");
  }

  /** A critical alarm in monitoring's words, internal names and addresses included: never for the public. */
  public static TestIncidents internalDiskAlarmOnLogin() {
    return new TestIncidents("login", INTERNAL_ALARM).severity("critical");
  }

  public static final String INTERNAL_ALARM = "db-prod-3.internal 10.0.3.7 disk full";

  public TestIncidents severity(String reportedSeverity) {
    variables.put(REPORTED_SEVERITY, reportedSeverity);
    return this;
  }

  public TestIncidents customerImpact(boolean impact) {
    variables.put(CUSTOMER_IMPACT, impact);
    return this;
  }

  public Map<String, Object> variables() {
    return new HashMap<>(variables);
  }

  /**
   * An incident of the catalog's service as registration and the targets decision leave it, for starting the
   * process at its first user task ({@code startBeforeActivity}): benchmarks open thousands this way.
   *
   * @param severity SEV2 (24×7 targets) or SEV3 (business hours)
   */
  public static Map<String, Object> atFirstTask(io.incidentflow.catalog.ServiceDefinition service, String id,
      long seq, String severity, String calendar) {
    boolean sev2 = severity.equals("SEV2");
    Map<String, Object> variables = new HashMap<>();
    variables.put(INCIDENT_ID, id);
    variables.put(SERVICE_ID, service.id());
    variables.put(TITLE, service.name() + " degraded (" + seq + ")");
    variables.put(REPORTED_SEVERITY, "warning");
    variables.put(CUSTOMER_IMPACT, false);
    variables.put(SERVICE_NAME, service.name());
    variables.put(SERVICE_TIER, service.tier());
    variables.put(TECHNICIAN_GROUP, service.technicianGroup());
    variables.put(RUNBOOK, service.runbook());
    variables.put(SEVERITY, severity);
    variables.put(ACKNOWLEDGE_TARGET, sev2 ? "PT15M" : "PT1H");
    variables.put(RESOLVE_TARGET, sev2 ? "PT4H" : "PT8H");
    variables.put(SLA_CALENDAR, calendar);
    variables.put(WARN_AT_PERCENT, 75);
    variables.put(CLIMB_AFTER, sev2 ? "PT1H" : "PT4H");
    return variables;
  }
}
