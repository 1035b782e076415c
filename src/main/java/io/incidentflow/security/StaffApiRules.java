package io.incidentflow.security;

import static io.incidentflow.incident.IncidentProcess.GROUP_COMMUNICATIONS;
import static io.incidentflow.incident.IncidentProcess.GROUP_INCIDENT_MANAGERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_MANAGERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_PROCESS_OWNERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_TECHNICIANS;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Who may call which staff endpoint, in one table: the security chain is built from it, and a refusal names
 * the groups that would have been let in. An endpoint not listed is refused to everyone.
 */
final class StaffApiRules {

  /**
   * @param method null for every method
   * @param groups Camunda groups let in; empty: every logged-in user
   */
  record Rule(HttpMethod method, String pattern, List<String> groups) {}

  static final String CUSTOMERS = "/api/staff/customers";
  static final String SCHEDULES = "/api/staff/schedules";
  static final String REPORTS = "/api/staff/reports";
  /** Who reads every incident (security.Roles): its timeline, SLA clocks, page and diagram. */
  static final List<String> EVERY_INCIDENT = List.of(GROUP_INCIDENT_MANAGERS, GROUP_MANAGERS, GROUP_PROCESS_OWNERS,
      GROUP_TECHNICIANS);

  static final List<Rule> RULES = List.of(
      new Rule(HttpMethod.GET, CUSTOMERS, List.of(GROUP_INCIDENT_MANAGERS, GROUP_COMMUNICATIONS)),
      new Rule(HttpMethod.GET, CUSTOMERS + "/**", List.of(GROUP_INCIDENT_MANAGERS, GROUP_COMMUNICATIONS)),
      new Rule(null, CUSTOMERS, List.of(GROUP_INCIDENT_MANAGERS)),
      new Rule(null, CUSTOMERS + "/**", List.of(GROUP_INCIDENT_MANAGERS)),
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/notices",
          List.of(GROUP_INCIDENT_MANAGERS, GROUP_COMMUNICATIONS, GROUP_MANAGERS)),
      // SLA clocks: whoever reads every incident (communications read only some: not here).
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/slas", EVERY_INCIDENT),
      // The timeline: the same readers; communications read only the incidents with customer impact.
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/timeline", EVERY_INCIDENT),
      // The incident's page and its diagram show the timeline and the SLA clocks: the same readers.
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/diagram.svg", EVERY_INCIDENT),
      new Rule(HttpMethod.GET, "/api/staff/incidents/*.html", EVERY_INCIDENT),
      // The post-incident review (meeting, action items, document): the same readers.
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/review", EVERY_INCIDENT),
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/review.md", EVERY_INCIDENT),
      new Rule(HttpMethod.GET, "/api/staff/incidents/*/review.html", EVERY_INCIDENT),
      // On-call schedules and their calendar feeds: every member of staff reads, incident managers edit.
      new Rule(HttpMethod.GET, SCHEDULES, List.of()),
      new Rule(HttpMethod.GET, SCHEDULES + "/**", List.of()),
      new Rule(HttpMethod.GET, "/api/staff/users/*/on-call.ics", List.of()),
      new Rule(null, SCHEDULES, List.of(GROUP_INCIDENT_MANAGERS)),
      new Rule(null, SCHEDULES + "/**", List.of(GROUP_INCIDENT_MANAGERS)),
      // Reports on response times, SLAs and downtime cost: managers and incident managers.
      new Rule(HttpMethod.GET, REPORTS + "/incidents", List.of(GROUP_MANAGERS, GROUP_INCIDENT_MANAGERS)),
      new Rule(HttpMethod.GET, REPORTS + "/incidents.csv", List.of(GROUP_MANAGERS, GROUP_INCIDENT_MANAGERS)),
      new Rule(HttpMethod.GET, REPORTS + "/incidents.html", List.of(GROUP_MANAGERS, GROUP_INCIDENT_MANAGERS)),
      // The API's description: every member of staff.
      new Rule(HttpMethod.GET, "/v3/api-docs", List.of()),
      new Rule(HttpMethod.GET, "/v3/api-docs/**", List.of()),
      new Rule(HttpMethod.GET, "/swagger-ui.html", List.of()),
      new Rule(HttpMethod.GET, "/swagger-ui/**", List.of()));

  /** Every path the staff chain guards. */
  static final String[] PATHS = {"/api/staff/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
      "/swagger-ui/**"};

  private StaffApiRules() {}
}
