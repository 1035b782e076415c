package io.incidentflow.tasklist;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.incidentflow.Browsers;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.oncall.schedule.OverrideJson;
import io.incidentflow.oncall.schedule.ScheduleOverride;
import io.incidentflow.oncall.schedule.ScheduleService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tasklist as the on-call technician meets it at 3 a.m., in a real browser: from the page mail's link to the
 * task, the default filter with the most severe incident first, the incident on every form, and a form asked a
 * second time that offers no earlier answer. Then each role's first screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistTourBrowserIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  /** Where the mails' links point (incidentflow.mail.public-url); the test's server listens elsewhere. */
  static final String PUBLIC_URL = "http://localhost:8080";

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JobDriver jobs;
  @Autowired ScheduleService schedules;
  @LocalServerPort int port;

  Playwright playwright;
  Browser browser;
  BrowserContext context;
  Page page;
  final List<ScheduleOverride> overrides = new ArrayList<>();

  @BeforeAll
  void startBrowserAndPutTomOnCall() {
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
    // Tom is on call for checkout and search: each page hands him its Acknowledge task.
    for (String schedule : List.of("application-primary", "database-primary")) {
      overrides.add(schedules.addOverride(schedule, new OverrideJson("tom",
          Instant.now().minus(Duration.ofHours(1)).toString(), Instant.now().plus(Duration.ofDays(1)).toString(), null)));
    }
  }

  @AfterAll
  void stopBrowserAndTakeTomOffCall() {
    overrides.forEach(override -> schedules.deleteOverride(override.scheduleId(), override.id()));
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void openContext() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    context.setDefaultTimeout(Browsers.TIMEOUT_MILLIS);
    page = context.newPage();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  @Test
  void shouldLeadTheOnCallTechnicianFromThePageToEachTaskOfTheIncident() {
    ProcessInstance checkout = start(TestIncidents.checkoutOutageWithCustomersAffected().severity("SEV1"));
    ProcessInstance search = start(TestIncidents.searchWarningWithoutCustomerImpact());
    String checkoutId = checkout.getBusinessKey();
    String searchId = search.getBusinessKey();

    // The default filter lists both Acknowledge tasks, given to tom by paging, the SEV1 first: no claim.
    logIn("tom");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.MY_INCIDENT_TASKS);
    Locator cards = page.locator("ol.tasks-list > li");
    Locator sev1 = cards.filter(new Locator.FilterOptions().setHasText(checkoutId));
    Locator sev4 = cards.filter(new Locator.FilterOptions().setHasText(searchId));
    assertThat(sev1.locator("h4.task")).hasText("Acknowledge incident · " + checkoutId + " · Checkout · SEV1");
    assertThat(sev1).containsText("Card payments fail");
    assertThat(sev1.locator(".priority")).hasText("90");
    assertThat(sev4.locator("h4.task")).hasText("Acknowledge incident · " + searchId + " · Search · SEV4");
    assertThat(sev4.locator(".priority")).hasText("30");
    List<String> severities = page.locator("ol.tasks-list > li h4.task").allInnerTexts().stream()
        .map(name -> name.strip().substring(name.strip().lastIndexOf("SEV"))).toList();
    assertThat(severities).as("most severe first").contains("SEV1", "SEV4").isSorted();
    assertThat(sev1.locator(".assignee")).containsText("Tom");
    // Each filter says how many tasks it holds, not only the open one (scripts/filter-counts.js).
    for (String filter : List.of(TasklistFilters.MY_INCIDENT_TASKS, TasklistFilters.BREACHING_SOON,
        TasklistFilters.ALL_OPEN_INCIDENTS)) {
      assertThat(page.locator(".task-filters .item").filter(new Locator.FilterOptions().setHasText(filter))
          .locator(".incidentflow-count")).hasText(Pattern.compile("\\(\\d+\\)"));
    }
    assertThat(page.locator(".task-filters .item").filter(new Locator.FilterOptions()
        .setHasText(TasklistFilters.BREACHING_SOON)).locator(".incidentflow-count"))
        .hasText("(" + tasks.createTaskQuery().or().taskAssignee("tom").taskCandidateUser("tom")
            .taskCandidateGroupIn(List.of("technicians", "application", "database", "network")).endOr()
            .dueBefore(java.util.Date.from(Instant.now().plus(Duration.ofHours(1)))).count() + ")");
    Browsers.screenshot(page, "tasklist-1-my-incident-tasks");

    // The page mail's link opens the task itself, with the incident at the top of its form.
    page.navigate(onThisServer(linkInPage(checkoutId, "The task in Tasklist: ")));
    Locator form = page.locator(".fjs-container");
    assertThat(form.locator("h3")).hasText(checkoutId + " · Checkout · SEV1");
    assertThat(form).containsText("Card payments fail");
    assertThat(form).containsText("Runbook");
    assertThat(form).not().containsText("Alerts from monitoring");
    Browsers.screenshot(page, "tasklist-2-acknowledge-form");
    complete();
    await().until(() -> open(checkout, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT) == null);

    // The mail's incident link lists that incident's open tasks: now the incident manager's scope.
    page.navigate(onThisServer(linkInPage(checkoutId, "The incident's open tasks: ")));
    assertThat(cards.first().locator("h4.task")).hasText("Scope incident · " + checkoutId + " · Checkout · SEV1");
    assertThat(page.locator("ol.tasks-list")).not().containsText(searchId);

    tasks.complete(open(checkout, IncidentProcess.TASK_SCOPE_INCIDENT).getId(), Map.of(
        IncidentVariables.SEVERITY, "SEV1", IncidentVariables.CUSTOMER_IMPACT, false));
    jobs.runDueJobs(checkout.getId());

    // Resolve is offered to tom's group: he finds it in the same filter and claims it to work it.
    String resolve = "Resolve incident · " + checkoutId + " · Checkout · SEV1";
    resolveTask(resolve);
    form.getByLabel("Waiting on a customer or vendor – pause the resolve clock until they answer").check();
    form.getByLabel("Who are you waiting for, and for what?").fill("The card processor, for their status");
    form.getByLabel("What did you do? (internal)").fill("Restarted the payment gateway");
    complete();
    await().until(() -> open(checkout, IncidentProcess.TASK_WAIT_ON_CUSTOMER_OR_VENDOR) != null);
    tasks.complete(open(checkout, IncidentProcess.TASK_WAIT_ON_CUSTOMER_OR_VENDOR).getId(),
        Map.of(IncidentVariables.ANSWER_RECEIVED, "Their gateway is back"));

    // The second Resolve offers no earlier outcome or text, and shows the earlier ones as what was done.
    resolveTask(resolve);
    assertThat(form.getByLabel("Resolved – the service works again")).not().isChecked();
    assertThat(form.getByLabel("Cannot resolve now – start the fallback")).not().isChecked();
    assertThat(form.getByLabel("Waiting on a customer or vendor – pause the resolve clock until they answer"))
        .not().isChecked();
    assertThat(form.getByLabel("What did you do? (internal)")).isEmpty();
    assertThat(form).containsText("Last resolution note (internal): Restarted the payment gateway");
    assertThat(form).containsText("Waiting for: The card processor, for their status — answer: Their gateway is back");
    assertThat(form).containsText("Internal: stays with the team, never sent to customers.");
    Browsers.screenshot(page, "tasklist-3-resolve-form-asked-again");
  }

  @Test
  void shouldOpenEachRoleOnItsOwnFirstFilterWithTheMostSevereFirst() {
    ProcessInstance search = start(TestIncidents.searchWarningWithoutCustomerImpact());
    ProcessInstance checkout = start(TestIncidents.checkoutOutageWithCustomersAffected().severity("SEV1"));
    tasks.complete(open(search, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).getId());
    jobs.runDueJobs(search.getId());

    // The incident manager's scope task waits, offered to the group, in the filter Tasklist opens first.
    logIn("ivy");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.MY_INCIDENT_TASKS);
    assertThat(page.locator("ol.tasks-list")).containsText("Scope incident · " + search.getBusinessKey());
    assertThat(page.locator(".task-filters")).containsText(TasklistFilters.BREACHING_SOON);
    assertThat(page.locator(".task-filters")).containsText(TasklistFilters.ALL_OPEN_INCIDENTS);
    logOut();

    // Amy works application tasks: tom's checkout acknowledgement is his, search is not her group's.
    logIn("amy");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.MY_INCIDENT_TASKS);
    assertThat(page.locator(".tasks-list")).containsText("No task matching filters found");
    logOut();

    // Communications have the working filters too, and no technician's or manager's task in theirs.
    logIn("cora");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.MY_INCIDENT_TASKS);
    assertThat(page.locator(".tasks-list")).not().containsText("Scope incident");
    assertThat(page.locator(".tasks-list")).not().containsText("Acknowledge incident");
    logOut();

    // A manager reads every incident's tasks, the SEV1 before the SEV4, and has no task of their own.
    logIn("max");
    assertThat(page.locator(".task-filters .item.active")).containsText(TasklistFilters.ALL_OPEN_INCIDENTS);
    assertThat(page.locator(".task-filters")).not().containsText(TasklistFilters.MY_INCIDENT_TASKS);
    Locator names = page.locator("ol.tasks-list > li h4.task");
    assertThat(names.first()).containsText(" · SEV1");
    assertThat(page.locator("ol.tasks-list")).containsText(search.getBusinessKey());
    Browsers.screenshot(page, "tasklist-4-all-open-incidents-of-a-manager");
    assertThat(checkout.getBusinessKey()).isNotNull();
  }

  /** From Tasklist's start page, which opens the default filter ("My incident tasks"). */
  private void resolveTask(String name) {
    page.navigate(url("/camunda/app/tasklist/default/#/"));
    page.reload();
    Locator card = page.locator("ol.tasks-list > li").filter(new Locator.FilterOptions().setHasText(name));
    card.click();
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Claim")).click();
    assertThat(page.locator(".fjs-container")).containsText("So far");
  }

  private void complete() {
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Complete").setExact(true)).click();
  }

  private void logIn(String user) {
    Browsers.logIn(page, url(""), "tasklist", user);
  }

  private void logOut() {
    context.clearCookies();
  }

  private ProcessInstance start(TestIncidents incident) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, incident.variables());
    jobs.runDueJobs(instance.getId()); // registration gives it its incident id (business key), paging its task
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
  }

  private org.camunda.bpm.engine.task.Task open(ProcessInstance incident, String taskKey) {
    return tasks.createTaskQuery().processInstanceId(incident.getId()).taskDefinitionKey(taskKey).singleResult();
  }

  /** A link of the page mail to tom for this incident, from its text part. */
  private String linkInPage(String incidentId, String label) {
    await().until(() -> pageTo(incidentId) != null);
    String text = GreenMailUtil.getBody(pageTo(incidentId)).replace("=\r\n", "").replace("=3D", "=");
    Matcher link = Pattern.compile(Pattern.quote(label) + "(\\S+)").matcher(text);
    assertThat(link.find()).as("'%s' in the page of %s:\n%s", label, incidentId, text).isTrue();
    return link.group(1).replace("&amp;", "&");
  }

  private MimeMessage pageTo(String incidentId) {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        if (message.getSubject().contains(incidentId + " paged")
            && GreenMailUtil.getAddressList(message.getAllRecipients()).contains("tom@")) {
          return message;
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  private String onThisServer(String link) {
    assertThat(link).startsWith(PUBLIC_URL);
    return url(link.substring(PUBLIC_URL.length()));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
