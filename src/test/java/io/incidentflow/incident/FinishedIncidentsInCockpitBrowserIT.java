package io.incidentflow.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import io.incidentflow.Browsers;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TaskWorker;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * A manager audits a finished incident in Cockpit (Community Edition shows running instances only): the
 * "Finished incidents" page of IncidentFlow's Cockpit plugin finds it and shows its steps, who did them, the
 * variable changes, the decisions and the user operations, the diagram with the history on it, and the incident's
 * page it links to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinishedIncidentsInCockpitBrowserIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JobDriver jobs;
  @Autowired TaskWorker worker;
  @LocalServerPort int port;

  Playwright playwright;
  Browser browser;
  String acknowledgedBy;

  @BeforeAll
  void startBrowser() {
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @AfterAll
  void stopBrowser() {
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void shouldLetAManagerFindAFinishedIncidentAndReadWhoDidWhatInCockpit() {
    String finished = runToTheEnd();
    String incidentId = history.createHistoricProcessInstanceQuery().processInstanceId(finished).singleResult()
        .getBusinessKey();

    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
    context.setDefaultTimeout(Browsers.TIMEOUT_MILLIS);
    Page page = context.newPage();
    Browsers.logIn(page, url(""), "cockpit", "max");
    page.locator("a[href='#/finished-incidents']").first().click();
    Locator list = page.locator(".incidentflow-incidents");
    assertThat(list).containsText(incidentId);

    page.locator(".incidentflow-search input[name=incidentId]").fill(incidentId);
    page.locator(".incidentflow-search input[name=severity]").fill("sev4");
    page.locator(".incidentflow-search button[type=submit]").click();
    assertThat(list.locator("tbody tr")).hasCount(1);
    list.getByText(incidentId).click();

    assertThat(page.locator(".incidentflow-incident")).containsText(incidentId);
    Locator steps = page.locator(".incidentflow-steps");
    assertThat(steps.locator("tr").filter(new Locator.FilterOptions().setHasText("Acknowledge incident")))
        .containsText(acknowledgedBy);
    assertThat(steps.locator("tr").filter(new Locator.FilterOptions().setHasText("Resolve incident")))
        .containsText("tom");
    assertThat(steps.locator("tr").filter(new Locator.FilterOptions().setHasText("Scope incident")))
        .containsText("ivy");
    assertThat(page.locator(".incidentflow-variables")).containsText("resolveOutcome");
    assertThat(page.locator(".incidentflow-decisions")).containsText("Target times per severity");
    assertThat(page.locator(".incidentflow-operations").locator("tr")
        .filter(new Locator.FilterOptions().setHasText("ivy"))).not().hasCount(0);
    Browsers.screenshot(page, "cockpit-finished-incident");

    // Above the tables, the diagram with the history on it: the acknowledgement (inside the collapsed sub-process,
    // drawn under the process) completed, the review SEV4 skips never reached.
    Locator diagram = page.locator(".incidentflow-diagram svg.incident-diagram");
    Locator acknowledge = diagram.locator(shape(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT));
    acknowledge.scrollIntoViewIfNeeded();
    assertThat(acknowledge).isVisible();
    assertThat(acknowledge).hasClass("shape activity completed");
    assertThat(acknowledge.locator("title")).hasText(java.util.regex.Pattern.compile("assignee " + acknowledgedBy));
    assertThat(diagram.locator(shape(IncidentProcess.TASK_RESOLVE_INCIDENT))).hasClass("shape activity completed");
    assertThat(diagram.locator(shape(IncidentProcess.CALL_POST_INCIDENT_REVIEW))).hasClass("shape activity not-reached");
    Browsers.screenshot(page, "cockpit-finished-incident-diagram");

    // Cockpit's login reads the incident's page (a staff page: reading only, a write still needs HTTP Basic).
    Page incidentPage = context.waitForPage(() -> page.locator(".incidentflow-incident-page").click());
    assertThat(incidentPage.locator("h1")).containsText(incidentId);
    assertThat(incidentPage.locator("dd.severity")).hasText("SEV4");
    assertThat(incidentPage.locator("dd.process")).containsText("finished");
    assertThat(incidentPage.locator("table.slas")).containsText("acknowledge");
    assertThat(incidentPage.locator("table.timeline tr").filter(new Locator.FilterOptions()
        .setHasText("Acknowledge incident")).first()).isVisible();
    Locator onPage = incidentPage.locator("svg.incident-diagram " + shape(IncidentProcess.TASK_SCOPE_INCIDENT));
    assertThat(onPage).hasClass("shape activity completed");
    assertThat(onPage).isVisible();
    Browsers.screenshot(incidentPage, "incident-page");
    // With the browser's cookies, as a page of this site would send them (the API client answers 401 itself, a page
    // would wait on the browser's login prompt).
    int write = page.request().post(url("/api/staff/schedules"), RequestOptions.create()
        .setHeader("Content-Type", "application/json").setData("{}")).status();
    assertThat(write).as("a write through the webapp's session").isEqualTo(401);
    incidentPage.close();

    // Someone else's search finds nothing that is not finished: the running incident is not listed.
    String running = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getId();
    jobs.runDueJobs(running);
    page.locator(".incidentflow-search input[name=incidentId]").fill(
        runtime.createProcessInstanceQuery().processInstanceId(running).singleResult().getBusinessKey());
    page.locator(".incidentflow-search input[name=severity]").fill("");
    page.locator(".incidentflow-search button[type=submit]").click();
    assertThat(page.locator(".incidentflow-empty")).isVisible();
    context.close();
  }

  /** A SEV4 without customer impact, acknowledged by the on-call, scoped by ivy, resolved by tom: no review. */
  private String runToTheEnd() {
    String pi = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getId();
    jobs.runDueJobs(pi);
    // Paging handed the task to the database rotation's on-call, dan or tom: they acknowledge.
    acknowledgedBy = tasks.createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).singleResult().getAssignee();
    assertThat(acknowledgedBy).isIn("dan", "tom");
    worker.complete(pi, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT, acknowledgedBy, Map.of());
    worker.complete(pi, IncidentProcess.TASK_SCOPE_INCIDENT, "ivy",
        Map.of(IncidentVariables.SEVERITY, "SEV4", IncidentVariables.CUSTOMER_IMPACT, false));
    jobs.runDueJobs(pi);
    worker.complete(pi, IncidentProcess.TASK_RESOLVE_INCIDENT, "tom",
        Map.of(IncidentVariables.RESOLVE_OUTCOME, IncidentProcess.OUTCOME_RESOLVED,
            IncidentVariables.RESOLUTION_SUMMARY, "Rebuilt the index"));
    jobs.runDueJobs(pi);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count())
        .as("the incident ended").isEqualTo(1);
    return pi;
  }

  private static String shape(String elementId) {
    return "g.shape[data-element-id='" + elementId + "']";
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
