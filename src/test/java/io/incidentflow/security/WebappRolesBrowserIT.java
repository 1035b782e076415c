package io.incidentflow.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.incidentflow.Browsers;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.oncall.schedule.OverrideJson;
import io.incidentflow.oncall.schedule.ScheduleOverride;
import io.incidentflow.oncall.schedule.ScheduleService;
import io.incidentflow.tasklist.TasklistFilters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tasklist and Cockpit in a real browser under the role model (security.Roles): what a technician and a manager
 * see and may do, and that no page of theirs breaks under the 2000-row query limit. Also IncidentFlow's branding
 * and wording of the webapps, which only a browser shows (style sheets, translations).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebappRolesBrowserIT {

  static final String ENGINE_API = "/camunda/api/engine/engine/default";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired JobDriver jobs;
  @Autowired ScheduleService schedules;
  @LocalServerPort int port;

  Playwright playwright;
  Browser browser;
  BrowserContext context;
  Page page;
  ProcessInstance search;
  ScheduleOverride danaOnCall;
  ProcessInstance checkout;
  /** One answer of the webapps' API to the page; the body of a failure is read at once, while it is there. */
  record ApiCall(String method, String url, int status, String body) {}

  /** Every answer of the webapps' API to the page, in order. */
  final List<ApiCall> apiCalls = new ArrayList<>();
  /** The writes step 2 sends on purpose, expecting 403: not failures of the page. */
  Predicate<ApiCall> provoked = call -> false;

  @BeforeAll
  void startBrowserAndIncidents() {
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);

    if (identity.createUserQuery().userId("dana").count() == 0) {
      User dana = identity.newUser("dana");
      dana.setFirstName("Dana");
      dana.setLastName("Database");
      dana.setPassword("demo");
      dana.setEmail("dana@incidentflow.local"); // paged by mail
      identity.saveUser(dana);
      identity.createMembership("dana", IncidentProcess.GROUP_TECHNICIANS);
      identity.createMembership("dana", "database");
    }
    // Dana is on call for search (the database rotation): paging hands her its Acknowledge task.
    danaOnCall = schedules.addOverride("database-primary", new OverrideJson("dana",
        Instant.now().minus(Duration.ofHours(1)).toString(), Instant.now().plus(Duration.ofDays(1)).toString(), null));
    search = start(TestIncidents.searchWarningWithoutCustomerImpact());
    checkout = start(TestIncidents.checkoutOutageWithCustomersAffected());
    // A second version: Cockpit lists a definition's versions with an unbound query, which the limit refuses.
    repository.createDeployment().name("incident-v2").addClasspathResource("processes/incident.bpmn").deploy();
  }

  @BeforeEach
  void openContext() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    context.setDefaultTimeout(Browsers.TIMEOUT_MILLIS);
    provoked = call -> false;
    apiCalls.clear();
    context.onResponse(response -> {
      if (response.url().contains("/camunda/api/")) {
        apiCalls.add(new ApiCall(response.request().method(), response.url(), response.status(),
            response.status() >= 400 ? bodyOf(response) : ""));
      }
    });
    page = context.newPage();
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  @AfterAll
  void stopBrowser() {
    if (danaOnCall != null) {
      schedules.deleteOverride(danaOnCall.scheduleId(), danaOnCall.id());
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void shouldShowATechnicianTheTaskPagingHandedHerAndNoTaskOfAnotherGroup() {
    String searchId = search.getBusinessKey();
    String checkoutId = checkout.getBusinessKey();

    logIn("tasklist", "dana");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.MY_INCIDENT_TASKS);

    Locator tasks = page.locator("ol.tasks-list");
    assertThat(tasks).containsText("Acknowledge incident · " + searchId + " · Search · SEV4");
    assertThat(tasks).containsText("Search index lag");
    assertThat(tasks).not().containsText(checkoutId);
    assertThat(tasks).not().containsText("Card payments fail");
    screenshot("1-tasklist-my-incident-tasks-of-dana");

    tasks.locator("> li").filter(new Locator.FilterOptions().setHasText(searchId)).click();
    // Camunda Forms (form-js) renders the task's form with the incident at its top.
    Locator form = page.locator(".fjs-container");
    assertThat(form).containsText("Acknowledge that you are working on this incident.");
    assertThat(form.locator("h3")).hasText(searchId + " · Search · SEV4");
    assertThat(form).containsText("Search index lag");
    screenshot("2-tasklist-acknowledge-form");

    assertNoUnexpectedFailures();
  }

  @Test
  void shouldLetAManagerReadAnIncidentInCockpitButNotSuspendCancelOrModifyIt() {
    String instanceId = checkout.getId();
    String definitionId = checkout.getProcessDefinitionId();

    logIn("cockpit", "max");
    page.navigate(url("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime"));
    assertThat(page.locator("body")).containsText(instanceId);
    // The versions menu: Cockpit shows it once it has listed the definition's (two) versions.
    assertThat(page.locator(".definition-version .dropdown")).isVisible();
    screenshot("3-cockpit-incident-definition");

    page.navigate(url("/camunda/app/cockpit/default/#/process-instance/" + instanceId + "/runtime"));
    assertThat(page.locator("body")).containsText(checkout.getBusinessKey());
    assertThat(page.locator("body")).containsText("Card payments fail");
    screenshot("4-cockpit-incident-instance");

    // Cockpit's own calls for Suspend, Cancel and Modify, from the logged-in page with its CSRF token: the
    // engine must refuse each for want of a permission (not the CSRF filter for want of a token).
    String instancePath = ENGINE_API + "/process-instance/" + instanceId;
    provoked = call -> call.url().contains(instancePath) && !call.method().equals("GET");
    // Cockpit shows a manager the Suspend button; pressing it must fail in sight.
    page.locator(".btn-suspend-action").click();
    Response suspend = page.waitForResponse(response -> response.url().contains(instancePath + "/suspended"),
        () -> page.locator(".modal-footer button[type=submit]").click());
    assertThat(suspend.status()).isEqualTo(403);
    assertThat(page.getByText("The suspension state of the process instance could not be updated to \"suspended\""))
        .isVisible();
    assertThat(page.getByText("Could not update the suspension state of the process instance")).isVisible();
    screenshot("5-cockpit-suspend-refused");
    assertThat(send("PUT", instancePath + "/suspended", "{\"suspended\": true}"))
        .startsWith("403 ").contains("AuthorizationException");
    assertThat(send("DELETE", instancePath, null)).startsWith("403 ").contains("AuthorizationException");
    assertThat(send("POST", instancePath + "/modification", """
        {"instructions": [{"type": "startBeforeActivity", "activityId": "%s"}]}"""
        .formatted(IncidentProcess.TASK_SCOPE_INCIDENT))).startsWith("403 ").contains("AuthorizationException");

    ProcessInstance after = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    assertThat(after).as("still exists").isNotNull();
    assertThat(after.isSuspended()).as("suspended").isFalse();
    assertThat(runtime.getActiveActivityIds(instanceId)).containsExactlyInAnyOrder(
        IncidentProcess.CALL_PAGE_RESPONDERS, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT);
    assertNoUnexpectedFailures();
  }

  @Test
  void shouldShowIncidentFlowsMarkAndNoCamundaLogoOnTheLoginPageOfEveryApp() {
    for (String app : List.of("welcome", "admin", "cockpit", "tasklist")) {
      page.navigate(url("/camunda/app/" + app + "/"));

      Locator logo = page.locator(".form-signin .login-logo");
      assertThat(logo).isVisible();
      assertThat(logo).hasCSS("background-image", Pattern.compile(".*/branding/incidentflow-mark\\.svg.*"));
      page.waitForFunction("() => performance.getEntriesByType('resource')"
          + ".some(e => e.name.endsWith('/branding/incidentflow-mark.svg') && e.responseStatus === 200)");
      assertThat(page.locator(".form-signin .app-name")).isVisible();
      assertThat(page.evaluate("getComputedStyle(document.querySelector('.form-signin .app-name'), '::before').content"))
          .isEqualTo("\"IncidentFlow \"");
      // Camunda's logo (its 96x33 SVG) is still in the page, but nowhere to be seen.
      List<Locator> camundaLogos = page.locator("svg[viewBox='0 0 96 33']").all();
      assertThat(camundaLogos).as("Camunda's logo elements of " + app).isNotEmpty();
      camundaLogos.forEach(camundaLogo -> assertThat(camundaLogo).isHidden());
      screenshot("0-" + app + "-login");
    }
    assertNoUnexpectedFailures();
  }

  @Test
  void shouldCallCamundasIncidentsFailedJobsInCockpit() {
    logIn("cockpit", "max");

    Locator failedJobs = page.locator(".stats-section.open-incidents");
    assertThat(failedJobs).containsText("Failed jobs (Camunda incidents)");
    assertThat(page.locator("body")).not().containsText("Open Incidents");
    screenshot("6-cockpit-dashboard-failed-jobs");

    page.navigate(url("/camunda/app/cockpit/default/#/process-instance/" + checkout.getId() + "/runtime"));
    assertThat(page.getByText("Failed jobs", new Page.GetByTextOptions().setExact(true)).first()).isVisible();
    screenshot("7-cockpit-instance-failed-jobs-tab");
    assertNoUnexpectedFailures();
  }

  private ProcessInstance start(TestIncidents incident) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, incident.variables());
    jobs.runDueJobs(instance.getId()); // registration gives it its incident id (business key), paging its task
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void logIn(String app, String user) {
    Browsers.logIn(page, url(""), app, user);
  }

  /** A request from the page itself, as Cockpit's buttons send it; answers "status body". */
  private String send(String method, String path, String body) {
    String token = context.cookies().stream().filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
        .map(cookie -> cookie.value).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    return (String) page.evaluate("""
        async ([method, path, token, body]) => {
          const response = await fetch(path, {method, body,
              headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': token}});
          return response.status + ' ' + await response.text();
        }""", Arrays.asList(method, path, token, body));
  }

  /**
   * No call of the pages failed, but for three kinds that are no fault: the writes the test provoked, the
   * webapps' "who is logged in?" before the login (404: nobody), and an unbound list the webapp repeats with
   * maxResults after the limit refused it (Cockpit's queryMaxResults fallback, e.g. a definition's versions).
   */
  private void assertNoUnexpectedFailures() {
    String failures = IntStream.range(0, apiCalls.size())
        .filter(i -> apiCalls.get(i).status() >= 400 && !provoked.test(apiCalls.get(i)))
        .filter(i -> !(apiCalls.get(i).status() == 404 && apiCalls.get(i).url().endsWith("/admin/auth/user/default")))
        .filter(i -> !retriedWithALimit(i))
        .mapToObj(apiCalls::get)
        .map(call -> call.status() + " " + call.method() + " " + call.url() + ": " + call.body())
        .collect(Collectors.joining("\n"));
    apiCalls.clear();
    assertThat(failures).as("webapp API calls that failed").isEmpty();
  }

  private boolean retriedWithALimit(int index) {
    ApiCall refused = apiCalls.get(index);
    if (refused.status() != 400 || !refused.body().contains("An unbound number of results is forbidden")) {
      return false;
    }
    List<ApiCall> later = apiCalls.subList(index + 1, apiCalls.size());
    return later.stream().anyMatch(retry -> retry.status() < 400 && retry.url().contains("maxResults=")
        && retry.method().equals(refused.method())
        && withoutMaxResults(retry.url()).equals(withoutMaxResults(refused.url())));
  }

  private static Set<String> withoutMaxResults(String url) {
    String[] pathAndQuery = url.split("\\?", 2);
    Set<String> parts = new TreeSet<>(Set.of(pathAndQuery[0]));
    if (pathAndQuery.length > 1) {
      Arrays.stream(pathAndQuery[1].split("&")).filter(param -> !param.startsWith("maxResults=")).forEach(parts::add);
    }
    return parts;
  }

  private static String bodyOf(Response response) {
    try {
      return response.text();
    } catch (RuntimeException e) {
      return "(body gone: " + e.getMessage() + ")";
    }
  }

  private void screenshot(String name) {
    Browsers.screenshot(page, name);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
