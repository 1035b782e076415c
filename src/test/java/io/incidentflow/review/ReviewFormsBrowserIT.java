package io.incidentflow.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.incidentflow.Browsers;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TaskWorker;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.TestIncidents;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The review's forms as the incident commander and an action item's owner meet them in Tasklist, in a real
 * browser: the meeting's date and time picked, the attendees proposed as tags, the timeline on the review's
 * form, action items added as rows; what the browser sends is what the process reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewFormsBrowserIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired JobDriver jobs;
  @Autowired TaskWorker worker;
  @Autowired ReviewWorker reviews;
  @Autowired ActionItemRepository actionItems;
  @LocalServerPort int port;

  Playwright playwright;
  Browser browser;

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
  void shouldScheduleAndHoldTheReviewAndCloseAnActionItemInTasklist() {
    // Given a resolved SEV2 checkout incident Ivy scoped and Tom resolved.
    worker.logIn("ivy");
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false).variables()).getId();
    identity.clearAuthentication();
    jobs.runDueJobs(pi);
    String incidentId = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee(), Map.of());
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(CUSTOMER_IMPACT, false, SEVERITY, "SEV2"));
    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    jobs.runDueJobs(pi);
    String review = reviews.reviewOf(pi);

    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000)
        .setTimezoneId("Europe/Berlin"));
    context.setDefaultTimeout(Browsers.TIMEOUT_MILLIS);
    Page page = context.newPage();
    Browsers.logIn(page, url(""), "tasklist", "ivy");
    Locator form = page.locator(".fjs-container");

    // Ivy schedules the meeting: the people who worked the incident are proposed as attendees.
    openTask(page, "Schedule review meeting · " + incidentId);
    assertThat(form.locator(".fjs-taglist-tag")).containsText(new String[] {"ivy", "tom"});
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(2);
    Locator date = form.getByLabel("Date");
    date.fill(day.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
    date.press("Enter");
    Locator time = form.getByLabel("Time");
    time.fill("14:00");
    time.press("Enter");
    form.getByLabel("Room or video link").fill("Room 4");
    form.getByLabel("Further addresses").fill("vendor@example.org");
    Browsers.screenshot(page, "review-1-schedule");
    complete(page);
    await().until(() -> open(review, ReviewProcess.TASK_SCHEDULE_REVIEW) == null);
    Object start = runtime.getVariable(review, ReviewProcess.START);
    assertThat(java.time.OffsetDateTime.parse(start.toString()).toInstant())
        .as("what the date-time field sent: %s", start)
        .isEqualTo(day.atTime(14, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
    jobs.runDueJobs(pi);

    // The review's form shows the timeline; Ivy records the cause and two action items.
    openTask(page, "Hold post-incident review · " + incidentId);
    assertThat(form).containsText("Resolve incident");
    form.getByLabel("Was held – record the review").check();
    form.getByLabel("Root cause").fill("Expired certificate on the payment gateway");
    fillRow(form, 1, "Alert 30 days before a certificate expires", "tom", day.plusDays(7));
    fillRow(form, 2, "Automate renewals", "dan", day.plusDays(14));

    Browsers.screenshot(page, "review-2-hold");

    complete(page);
    await().until(() -> open(review, ReviewProcess.TASK_HOLD_REVIEW) == null);
    jobs.runDueJobs(pi);
    assertThat(actionItems.ofIncident(incidentId)).extracting(ActionItem::owner, ActionItem::description)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("tom", "Alert 30 days before a certificate expires"),
            org.assertj.core.groups.Tuple.tuple("dan", "Automate renewals"));

    // Tom finds his action item in his default filter and closes it.
    context.clearCookies();
    Browsers.logIn(page, url(""), "tasklist", "tom");
    openTask(page, "Complete action item · Alert 30 days before a certificate expires · " + incidentId);
    assertThat(form).containsText("owned by tom");
    form.getByLabel("Done", new Locator.GetByLabelOptions().setExact(true)).check();
    form.getByLabel("What was done, or why it is dropped").fill("Alert rule added");
    Browsers.screenshot(page, "review-3-action-item");
    complete(page);
    await().until(() -> actionItems.ofIncident(incidentId).get(0).status() == ActionItem.Status.DONE);
    assertThat(actionItems.ofIncident(incidentId).get(0).note()).isEqualTo("Alert rule added");
    context.close();
  }

  private void fillRow(Locator form, int row, String description, String owner, LocalDate due) {
    form.getByLabel("Action item " + row + ": what is to be done").fill(description);
    Locator group = form.locator(".fjs-form-field-group").filter(new Locator.FilterOptions()
        .setHas(form.page().getByLabel("Action item " + row + ": what is to be done"))).last();
    group.getByLabel("Owner (user id)").fill(owner);
    Locator date = group.getByLabel("Due date");
    date.fill(due.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
    date.press("Enter");
  }

  private void openTask(Page page, String namePrefix) {
    page.navigate(url("/camunda/app/tasklist/default/#/"));
    page.reload();
    page.locator("ol.tasks-list > li").filter(new Locator.FilterOptions().setHasText(namePrefix)).first().click();
    assertThat(page.locator(".fjs-container")).isVisible();
  }

  private void complete(Page page) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete").setExact(true)).click();
  }

  private Task open(String review, String taskKey) {
    return tasks.createTaskQuery().processInstanceId(review).taskDefinitionKey(taskKey).singleResult();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
