package io.incidentflow.incidentpage;

import static io.incidentflow.incident.IncidentProcess.OUTCOME_WAITING;
import static io.incidentflow.incident.IncidentProcess.CALL_POST_INCIDENT_REVIEW;
import static io.incidentflow.incident.IncidentProcess.PROCESS_KEY;
import static io.incidentflow.incident.IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT;
import static io.incidentflow.incident.IncidentProcess.TASK_RESOLVE_INCIDENT;
import static io.incidentflow.incident.IncidentProcess.TASK_SCOPE_INCIDENT;
import static io.incidentflow.incident.IncidentProcess.TASK_WAIT_ON_CUSTOMER_OR_VENDOR;
import static io.incidentflow.incident.IncidentVariables.ANSWER_RECEIVED;
import static io.incidentflow.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.incidentflow.incident.IncidentVariables.RESOLUTION_SUMMARY;
import static io.incidentflow.incident.IncidentVariables.RESOLVE_OUTCOME;
import static io.incidentflow.incident.IncidentVariables.SEVERITY;
import static io.incidentflow.incident.IncidentVariables.WAITING_FOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TaskWorker;
import io.incidentflow.incident.TestIncidents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;

/**
 * An incident's page and diagram through the whole application on PostgreSQL, of a running incident whose
 * Resolve task came back once (it waited on a vendor): what ran, what runs, how often, and who may read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentPageIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired JobDriver jobs;
  @Autowired TaskWorker worker;

  String incidentId;
  String acknowledgedBy;

  /** A SEV4 search incident: acknowledged, scoped by ivy, waited on a vendor, now resolved a second time by tom. */
  @BeforeAll
  void runAnIncidentThroughALoop() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables());
    String pi = instance.getId();
    incidentId = instance.getBusinessKey();
    jobs.runDueJobs(pi);
    acknowledgedBy = worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee();
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, acknowledgedBy, Map.of());
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(SEVERITY, "SEV4", CUSTOMER_IMPACT, false));
    jobs.runDueJobs(pi);
    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_WAITING,
        WAITING_FOR, "the search vendor", RESOLUTION_SUMMARY, "Opened a vendor ticket"));
    worker.complete(pi, TASK_WAIT_ON_CUSTOMER_OR_VENDOR, "tom", Map.of(ANSWER_RECEIVED, "Vendor rebuilt the index"));
    jobs.runDueJobs(pi);
    worker.openTask(pi, TASK_RESOLVE_INCIDENT); // the second Resolve waits
  }

  @Test
  void shouldDrawTheIncidentsHistoryOnItsDiagram() throws Exception {
    ResponseEntity<String> answer = as("max").getForEntity(diagram(incidentId), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.valueOf("image/svg+xml"))).isTrue();
    assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    Document svg = parse(answer.getBody());
    assertThat(attribute(svg, TASK_ACKNOWLEDGE_INCIDENT, "class")).isEqualTo("shape activity completed");
    assertThat(attribute(svg, TASK_SCOPE_INCIDENT, "class")).isEqualTo("shape activity completed");
    assertThat(attribute(svg, TASK_RESOLVE_INCIDENT, "class")).as("the second Resolve runs")
        .isEqualTo("shape activity running");
    assertThat(xpath(svg, "//*[@data-element-id='" + TASK_RESOLVE_INCIDENT + "']/*[@class='run-count']"))
        .as("Resolve ran twice").isEqualTo("2");
    assertThat(xpath(svg, "//*[@data-element-id='" + TASK_RESOLVE_INCIDENT + "']/*[local-name()='title']"))
        .contains("ran 2 times").contains("1. started ").contains(", assignee tom").endsWith(", running");
    assertThat(xpath(svg, "//*[@data-element-id='" + TASK_ACKNOWLEDGE_INCIDENT + "']/*[local-name()='title']"))
        .contains("assignee " + acknowledgedBy);
    assertThat(attribute(svg, CALL_POST_INCIDENT_REVIEW, "class")).isEqualTo("shape activity not-reached");
  }

  @Test
  void shouldShowTheIncidentsPageWithItsHeaderSlaClocksDiagramAndTimeline() {
    ResponseEntity<String> answer = as("ivy").getForEntity(page(incidentId), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'")
        .doesNotContain("script-src");
    String html = answer.getBody();
    assertThat(html).doesNotContain("<script")
        .contains("<span class=\"incident-id\">" + incidentId + "</span> · <span>Search index lag</span>")
        .contains("<dd class=\"service\">Search</dd>").contains("<dd class=\"severity\">SEV4</dd>")
        .contains("<dd class=\"status\">OPEN</dd>").contains("<dd class=\"process\">running</dd>")
        .containsPattern("<dd class=\"acknowledged\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</dd>")
        .contains("<dd class=\"resolved\">–</dd>");
    assertThat(html).as("the SLA clocks").containsPattern("<td>acknowledge</td>\\s*<td[^>]*>MET</td>")
        .containsPattern("<td>resolve</td>\\s*<td[^>]*>(RUNNING|WARNED)</td>");
    assertThat(html).as("the diagram, inline").contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"incident-diagram\"")
        .contains("data-element-id=\"" + TASK_RESOLVE_INCIDENT + "\"");
    assertThat(html).as("the timeline").containsPattern(
        "<td>task-completed</td>\\s*<td>Acknowledge incident</td>\\s*<td>" + acknowledgedBy + "</td>")
        .containsPattern("<td>task-completed</td>\\s*<td>Resolve incident</td>\\s*<td>tom</td>")
        .contains("<td>variable</td>").contains("waitingFor: the search vendor");
  }

  @Test
  void shouldLetOnlyThoseWhoReadEveryIncidentInAndNameAnUnknownIncident() {
    for (String path : List.of(page(incidentId), diagram(incidentId))) {
      for (String user : List.of("ivy", "max", "pat", "tom")) {
        assertThat(as(user).getForEntity(path, String.class).getStatusCode()).as(user + " " + path)
            .isEqualTo(HttpStatus.OK);
      }
      ResponseEntity<String> communications = as("cora").getForEntity(path, String.class);
      assertThat(communications.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(communications.getBody()).contains("incident-managers");
      assertThat(http.getForEntity(path, String.class).getStatusCode()).as("nobody logged in")
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    for (String path : List.of(page("INC-1999-0001"), diagram("INC-1999-0001"))) {
      ResponseEntity<String> unknown = as("max").getForEntity(path, String.class);
      assertThat(unknown.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(unknown.getBody()).contains("incidentId: no incident 'INC-1999-0001'");
    }
  }

  private static String page(String incidentId) {
    return "/api/staff/incidents/" + incidentId + ".html";
  }

  private static String diagram(String incidentId) {
    return "/api/staff/incidents/" + incidentId + "/diagram.svg";
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static String attribute(Document svg, String elementId, String attribute) throws Exception {
    return xpath(svg, "//*[contains(@class,'shape')][@data-element-id='" + elementId + "']/@" + attribute);
  }

  private static String xpath(Document svg, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, svg);
  }
}
