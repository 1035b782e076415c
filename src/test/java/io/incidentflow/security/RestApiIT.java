package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentVariables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The running platform as Modeler, Tasklist and a script see it: login required, models deployed and redeployable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RestApiIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.TaskService tasks;
  @Autowired io.incidentflow.JobDriver jobs;

  @Test
  void shouldAnswer401WithoutCredentials() {
    ResponseEntity<String> response = http.getForEntity("/engine-rest/process-definition", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void shouldAnswer401WithAWrongPassword() {
    // Not a user the other tests log in as: after a failed login the engine delays that user's next attempts.
    ResponseEntity<String> response =
        http.withBasicAuth("cora", "not-her-password").getForEntity("/engine-rest/process-definition", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldServeTheRestApiToADemoUser() {
    ResponseEntity<String> response =
        http.withBasicAuth("ivy", "demo").getForEntity("/engine-rest/process-definition?key=incident&maxResults=50",
            String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("\"key\":\"incident\"");
  }

  @Test
  void shouldMakeALoggedInCallerPageThroughLongLists() {
    ResponseEntity<String> unbound =
        http.withBasicAuth("ivy", "demo").getForEntity("/engine-rest/process-definition", String.class);
    ResponseEntity<String> tooMany = http.withBasicAuth("ivy", "demo")
        .getForEntity("/engine-rest/process-definition?maxResults=2001", String.class);

    assertThat(unbound.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unbound.getBody()).contains("An unbound number of results is forbidden");
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("Max results limit of 2000 exceeded");
  }

  @Test
  void shouldRequireAStaffLoginToListTheNoticesOfAnIncident() {
    String path = "/api/staff/incidents/INC-2026-9999/notices";

    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> asManager = http.withBasicAuth("max", "demo").getForEntity(path, String.class);
    assertThat(asManager.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(asManager.getBody()).isEqualTo("[]");
  }

  @Test
  void shouldLetEachRoleUseTheCustomerDirectoryAsFarAsItMay() {
    String path = "/api/staff/customers";
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> wayne = new HttpEntity<>("""
        {"id": "wayne", "name": "Wayne", "email": "ops@wayne.example", "services": ["checkout"]}""", json);

    ResponseEntity<String> asTechnician = http.withBasicAuth("tom", "demo").getForEntity(path, String.class);
    assertThat(asTechnician.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(asTechnician.getBody()).contains("group: one of [incident-managers, communications] is required");
    assertThat(http.withBasicAuth("max", "demo").getForEntity(path, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("cora", "demo").getForEntity(path, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> byCommunications = http.withBasicAuth("cora", "demo").postForEntity(path, wayne, String.class);
    assertThat(byCommunications.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byCommunications.getBody()).contains("group: one of [incident-managers] is required");
    assertThat(http.withBasicAuth("ivy", "demo").getForObject(path, String.class)).as("nothing added")
        .doesNotContain("wayne");

    assertThat(http.withBasicAuth("ivy", "demo").postForEntity(path, wayne, String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void shouldRefuseAWriteFromAnotherSiteOrAsPlainText() {
    String path = "/api/staff/customers";
    HttpHeaders crossSite = new HttpHeaders();
    crossSite.setContentType(MediaType.APPLICATION_JSON);
    crossSite.set("Sec-Fetch-Site", "cross-site");
    crossSite.set("Origin", "https://evil.example");
    HttpHeaders plain = new HttpHeaders();
    plain.setContentType(MediaType.TEXT_PLAIN);
    String body = """
        {"id": "evil", "name": "Evil", "email": "ops@evil.example", "services": []}""";

    ResponseEntity<String> fromElsewhere = http.withBasicAuth("ivy", "demo")
        .postForEntity(path, new HttpEntity<>(body, crossSite), String.class);
    ResponseEntity<String> asPlainText = http.withBasicAuth("ivy", "demo")
        .postForEntity(path + "/import", new HttpEntity<>("id,name,email,services\nevil,Evil,ops@evil.example,", plain),
            String.class);

    assertThat(fromElsewhere.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(fromElsewhere.getBody()).contains("Sec-Fetch-Site");
    assertThat(asPlainText.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("ivy", "demo").getForObject(path, String.class)).doesNotContain("evil");
  }

  @Test
  void shouldRefuseAJavaSerializedVariableAndStartNothing() {
    long before = runtime.createProcessInstanceQuery().count();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);

    // A serialized java.lang.String: harmless here, but the same door takes any gadget chain.
    ResponseEntity<String> response = http.withBasicAuth("ivy", "demo").postForEntity(
        "/engine-rest/process-definition/key/incident/submit-form", new HttpEntity<>("""
            {"variables": {"serviceId": {"value": "search"}, "title": {"value": "Search is slow"},
                           "payload": {"type": "Object", "value": "rO0ABXQABHRlc3Q=",
                                       "valueInfo": {"objectTypeName": "java.lang.String",
                                                     "serializationDataFormat": "application/x-java-serialized-object"}}}}""",
            json), String.class);

    assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isFalse();
    assertThat(response.getBody()).contains("prohibited").doesNotContain("\tat ");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void shouldRefuseABodyOverTenMegabytesOnEveryEndpoint() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<byte[]> huge = new HttpEntity<>(new byte[11 * 1024 * 1024], json);

    for (String path : List.of("/api/staff/customers", "/engine-rest/process-definition/key/incident/start")) {
      ResponseEntity<String> response = http.withBasicAuth("ivy", "demo").postForEntity(path, huge, String.class);
      assertThat(response.getStatusCode().value()).as(path).isEqualTo(413);
      assertThat(response.getBody()).as(path).contains("body: is larger than 10 MB");
    }
  }

  @Test
  void shouldShowTheApiDescriptionToStaffOnly() {
    assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("tom", "demo").getForEntity("/v3/api-docs", String.class).getBody())
        .contains("/api/staff/customers");
  }

  @Test
  void shouldRequireLoginForTheWebappsApi() {
    ResponseEntity<String> response =
        http.getForEntity("/camunda/api/engine/engine/default/process-definition", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldRefuseAResolveOutcomeTheProcessCannotRouteWith400NamingTheVariableAndKeepTheTask() {
    String pi = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY,
        io.incidentflow.incident.TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false).variables())
        .getId();
    jobs.runDueJobs(pi);
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).singleResult().getId());
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(IncidentProcess.TASK_SCOPE_INCIDENT)
        .singleResult().getId(), java.util.Map.of("customerImpact", false));
    String resolve = tasks.createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.TASK_RESOLVE_INCIDENT).singleResult().getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<String> response = http.withBasicAuth("tom", "demo").postForEntity(
        "/engine-rest/task/" + resolve + "/complete",
        new HttpEntity<>("{\"variables\": {\"resolveOutcome\": {\"value\": \"fixed\"}}}", headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("'resolveOutcome' must be one of [resolved, cannotResolve, waiting]");
    assertThat(tasks.createTaskQuery().taskId(resolve).count()).as("still open").isEqualTo(1);
  }

  @Test
  void shouldRejectAReportOfAnUnknownServiceWith400NamingTheFieldAndStartNothing() {
    long instancesBefore = runtime.createProcessInstanceQuery().count();
    long incidentsBefore = incidentCount();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String report = """
        {"variables": {"serviceId": {"value": "billing"}, "title": {"value": "Invoices fail"},
                       "customerImpact": {"value": false}}}""";

    ResponseEntity<String> response = http.withBasicAuth("ivy", "demo").postForEntity(
        "/engine-rest/process-definition/key/incident/submit-form", new HttpEntity<>(report, headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("serviceId: unknown service 'billing'");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(incidentCount()).isEqualTo(incidentsBefore);
  }

  @Test
  void shouldRecordTheLoggedInUserAsTheReporterOfAReportMadeThroughTheStartForm() throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String report = """
        {"variables": {"serviceId": {"value": "checkout"}, "title": {"value": "Payments time out"},
                       "customerImpact": {"value": false}}}""";

    // The app's own deployment (another test here redeploys the BPMN alone, without its decision table).
    String deploymentId = repository.createDecisionDefinitionQuery().decisionDefinitionKey("severity-targets")
        .latestVersion().singleResult().getDeploymentId();
    String definitionId = repository.createProcessDefinitionQuery().deploymentId(deploymentId)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult().getId();

    ResponseEntity<String> response = http.withBasicAuth("ivy", "demo").postForEntity(
        "/engine-rest/process-definition/" + definitionId + "/submit-form", new HttpEntity<>(report, headers),
        String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instanceId = new ObjectMapper().readTree(response.getBody()).get("id").asText();
    assertThat(runtime.getVariable(instanceId, IncidentVariables.REPORTER)).isEqualTo("ivy");
    assertThat(jdbc.sql("SELECT reported_by FROM incident WHERE process_instance_id = :id").param("id", instanceId)
        .query(String.class).single()).isEqualTo("ivy");
  }

  @Test
  void shouldBrandTheWebappsAndHideTheEndOfLifeBanner() {
    assertThat(http.getForObject("/camunda/app/tasklist/scripts/config.js", String.class))
        .contains("vendor: 'IncidentFlow'");
    assertThat(http.getForObject("/camunda/app/cockpit/styles/user-styles.css", String.class))
        .contains("@import url(/branding/webapps.css)");
    assertThat(http.getForObject("/branding/webapps.css", String.class))
        .contains(".ce-eol-banner {\n  display: none !important;");
  }

  private long incidentCount() {
    return jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();
  }

  @Test
  void shouldDeployEveryModelAndFormOfTheRepository() throws IOException {
    ProcessDefinition incident = repository.createProcessDefinitionQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).latestVersion().singleResult();
    List<String> deployed = repository.getDeploymentResources(incident.getDeploymentId()).stream()
        .map(Resource::getName).map(name -> Path.of(name).getFileName().toString()).toList();

    assertThat(deployed).containsAll(filesIn("processes", ".bpmn", ".dmn"));
    assertThat(deployed).containsAll(filesIn("forms", ".form"));
    try (InputStream startForm = forms.getDeployedStartForm(incident.getId())) {
      assertThat(new String(startForm.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"report-incident\"");
    }
  }

  @Test
  void shouldRedeployAChangedModelAloneThroughTheRestApiWithoutRestartAndStartIncidentsOnIt() throws IOException {
    int before = repository.createProcessDefinitionQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .latestVersion().singleResult().getVersion();
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", "incident-from-modeler");
    body.add("deployment-source", "Camunda Modeler");
    body.add("enable-duplicate-filtering", "true");
    body.add("incident.bpmn", new FileSystemResource(Path.of("processes/incident.bpmn")) {
      @Override
      public String getFilename() {
        return "incident.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);

    ResponseEntity<Map> response = http.withBasicAuth("admin", "admin")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    ProcessDefinition redeployed = repository.createProcessDefinitionQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).latestVersion().singleResult();
    assertThat(redeployed.getVersion()).isEqualTo(before + 1);

    // Modeler deploys the diagram alone: its decision and forms are found among those deployed before.
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> started = http.withBasicAuth("ivy", "demo").postForEntity(
        "/engine-rest/process-definition/key/incident/submit-form", new HttpEntity<>("""
            {"variables": {"serviceId": {"value": "search"}, "title": {"value": "Search is slow"},
                           "customerImpact": {"value": false}}}""", json), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    ProcessInstance incident = runtime.createProcessInstanceQuery().processDefinitionId(redeployed.getId())
        .singleResult();
    assertThat(runtime.getVariable(incident.getId(), IncidentVariables.SEVERITY)).as("classified").isNotNull();
    try (InputStream startForm = forms.getDeployedStartForm(redeployed.getId())) {
      assertThat(new String(startForm.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"report-incident\"");
    }
  }

  @Test
  void shouldCreateOneDemoUserPerRoleAndTheTasklistFilters() {
    assertThat(identity.createUserQuery().memberOfGroup("incident-managers").list()).extracting("id").contains("ivy");
    assertThat(identity.createUserQuery().memberOfGroup("technicians").list()).extracting("id").contains("tom");
    assertThat(identity.createUserQuery().memberOfGroup("communications").list()).extracting("id").contains("cora");
    assertThat(identity.createUserQuery().memberOfGroup("managers").list()).extracting("id").contains("max");
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting("id").contains("admin");
    assertThat(identity.checkPassword("tom", "demo")).isTrue();
    assertThat(filters.createFilterQuery().list()).extracting("name")
        .containsExactlyInAnyOrder("My incident tasks", "Breaching soon", "All open incidents");
  }

  private static List<String> filesIn(String folder, String... suffixes) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.map(path -> path.getFileName().toString())
          .filter(name -> Stream.of(suffixes).anyMatch(name::endsWith))
          .toList();
    }
  }
}
