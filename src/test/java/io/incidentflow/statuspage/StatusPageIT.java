package io.incidentflow.statuspage;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.JobDriver;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.RecipientKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;

/** The public status page while incidents are open, as a visitor (and a real browser) sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server().withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired io.incidentflow.customer.CustomerDirectory directory;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JobDriver jobs;
  @Autowired MailOutbox outbox;
  @Autowired io.incidentflow.mail.OutboxSender sender;
  @LocalServerPort int port;

  @BeforeAll
  void openIncidents() {
    // A scoped SEV2 checkout incident (customers told), and a fresh search incident with a hostile title.
    ProcessInstance checkout = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().variables());
    jobs.runDueJobs(checkout.getId());
    complete(checkout, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(checkout, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV2", CUSTOMER_IMPACT, true, IMPACT_DESCRIPTION, "Cards fail",
        PUBLIC_TITLE, "Card payments fail"));
    jobs.runDueJobs(checkout.getId());
    // Search: scoped as customer-facing under a hostile public title, which must come out escaped.
    ProcessInstance search = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables());
    jobs.runDueJobs(search.getId());
    complete(search, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(search, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV3", CUSTOMER_IMPACT, true, IMPACT_DESCRIPTION, "Slow",
        PUBLIC_TITLE, HOSTILE_TITLE));
    jobs.runDueJobs(search.getId());
    // Login: two internal incidents in monitoring's words, one claiming customer impact but not scoped yet.
    runtime.startProcessInstanceByKey(PROCESS_KEY, TestIncidents.internalDiskAlarmOnLogin().variables());
    ProcessInstance claimed = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.internalDiskAlarmOnLogin().customerImpact(true).variables());
    jobs.runDueJobs(claimed.getId());
  }

  static final String HOSTILE_TITLE = "<script>alert('x')</script> Search is slow";

  @Test
  void shouldDeriveServiceAndIncidentStatusFromOpenIncidentsAndTheirNotices() {
    JsonNode page = http.getForObject("/status.json", JsonNode.class);

    assertThat(page.get("overall").asText()).isEqualTo("partial_outage");
    assertThat(service(page, "checkout").get("status").asText()).isEqualTo("partial_outage");
    assertThat(service(page, "search").get("status").asText()).isEqualTo("degraded_performance");
    assertThat(service(page, "login").get("status").asText()).isEqualTo("operational");
    assertThat(service(page, "checkout").get("history")).hasSize(90);
    JsonNode incident = incident(page, "Card payments fail");
    assertThat(incident.get("status").asText()).isEqualTo("identified");
    assertThat(incident.get("impact").asText()).isEqualTo("major");
    assertThat(incident.get("updates").get(0).get("text").asText()).as("what customers were told").isEqualTo("Cards fail");
    assertThat(page.toString()).doesNotContain("ivy", "tom", "Technician", "payload");
  }

  @Test
  void shouldKeepInternalIncidentsAndTheirAlarmTextOffEveryPublicOutput() {
    JsonNode page = http.getForObject("/status.json", JsonNode.class);

    assertThat(service(page, "login").get("status").asText()).as("internal incidents change no public status")
        .isEqualTo("operational");
    assertThat(page.get("incidents")).extracting(incident -> incident.get("title").asText())
        .containsExactlyInAnyOrder("Card payments fail", HOSTILE_TITLE);
    for (String output : List.of(page.toString(), http.getForObject("/status", String.class),
        http.getForObject("/status/feed.atom", String.class))) {
      assertThat(output).doesNotContain("db-prod-3", "10.0.3.7", "Search index lag", "paged", "SLA");
    }
  }

  @Test
  void shouldNeverShowAStaffPageAsAPublicUpdate() {
    JsonNode page = http.getForObject("/status.json", JsonNode.class);
    JsonNode incident = incident(page, "Card payments fail");

    assertThat(outbox.deliveriesOf(incident.get("id").asText(), RecipientKind.STAFF)).as("the technicians were paged")
        .isNotEmpty();
    assertThat(incident.get("updates")).extracting(update -> update.get("text").asText())
        .noneMatch(text -> text.contains("paged"));
  }

  @Test
  void shouldServeTheHtmlEscapedWithAStrictPolicyAndNoCookie() {
    ResponseEntity<String> response = http.getForEntity("/status", String.class);

    assertThat(response.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    assertThat(response.getBody()).contains("Card payments fail", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void shouldPublishTheUpdatesAsAnAtomFeed() throws Exception {
    String feed = http.getForObject("/status/feed.atom", String.class);

    Document atom = DocumentBuilderFactory.newInstance()
        .newDocumentBuilder().parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
    assertThat(atom.getDocumentElement().getTagName()).isEqualTo("feed");
    assertThat(atom.getElementsByTagName("entry").getLength()).isGreaterThanOrEqualTo(3);
    assertThat(feed).contains("Card payments fail – identified");
  }

  @Test
  void shouldShowAVisitorInARealBrowserWhatIsBrokenAndSince() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
        "chromium is not installed: apt-get install chromium (.ci/run installs it)");
    Path profile = Files.createTempDirectory("chromium-profile");
    Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
    String url = "http://127.0.0.1:" + port + "/status";

    String dom = chromium(profile, "--dump-dom", url);
    chromium(profile, "--screenshot=" + screenshot, "--window-size=1100,900", url);

    assertThat(dom).contains("Some systems are affected: partial outage", "Card payments fail", "identified",
        "Cards fail");
    assertThat(dom).contains("&lt;script&gt;").doesNotContain("<script>alert");
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  @Test
  void shouldSubscribeAVisitorOnlyAfterTheyConfirmTheLinkMailedToThem() throws Exception {
    int mailsBefore = smtp.getReceivedMessages().length;

    ResponseEntity<String> requested = http.postForEntity("/status/subscribe", form("email", "fan@example.org", "service", "login"), String.class);

    assertThat(requested.getBody()).contains("Check your mail");
    assertThat(directory.all()).noneMatch(entry -> entry.email().equals("fan@example.org"));
    sender.sendDue(); // the confirmation waits in the outbox until the request's transaction commits
    jakarta.mail.internet.MimeMessage confirmation = smtp.getReceivedMessages()[mailsBefore];
    String text = io.incidentflow.mail.sink.MailboxTestAccess.plainText(confirmation);
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("/status/subscribe/confirm\\?token=([0-9a-f]{48})").matcher(text);
    assertThat(link.find()).as("confirmation link in:%n%s", text).isTrue();

    ResponseEntity<String> confirmed = http.postForEntity("/status/subscribe/confirm", form("token", link.group(1)), String.class);

    assertThat(confirmed.getBody()).contains("Subscribed: you will hear about incidents of", "Login");
    assertThat(directory.all()).anySatisfy(entry -> {
      assertThat(entry.email()).isEqualTo("fan@example.org");
      assertThat(entry.services()).containsExactly("login");
    });
  }

  @Test
  void shouldRefuseAFourthRequestForOneAddressWithinAnHourAndMailNoMore() {
    for (int i = 0; i < 3; i++) {
      assertThat(http.postForEntity("/status/subscribe", form("email", "target@example.org", "service", "search"),
          String.class).getStatusCode().value()).isEqualTo(200);
    }

    ResponseEntity<String> fourth = http.postForEntity("/status/subscribe",
        form("email", "target@example.org", "service", "search"), String.class);

    assertThat(fourth.getStatusCode().value()).isEqualTo(429);
    assertThat(fourth.getHeaders().getFirst("Retry-After")).isEqualTo("3600");
    assertThat(fourth.getBody()).contains("too many requests for this address");
    sender.sendDue();
    assertThat(smtp.getReceivedMessagesForDomain("target@example.org")).hasSize(3);
  }

  @Test
  void shouldRefuseAConfirmationLinkOlderThanADay() throws Exception {
    http.postForEntity("/status/subscribe", form("email", "late@example.org", "service", "checkout"), String.class);
    sender.sendDue();
    String text = io.incidentflow.mail.sink.MailboxTestAccess.plainText(
        smtp.getReceivedMessagesForDomain("late@example.org")[0]);
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("confirm\\?token=([0-9a-f]{48})").matcher(text);
    assertThat(link.find()).isTrue();

    ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofHours(25))));
    ResponseEntity<String> confirmed;
    try {
      confirmed = http.postForEntity("/status/subscribe/confirm", form("token", link.group(1)), String.class);
    } finally {
      ClockUtil.reset();
    }

    assertThat(confirmed.getStatusCode().value()).isEqualTo(410);
    assertThat(confirmed.getBody()).contains("This link has expired");
    assertThat(directory.all()).noneMatch(entry -> entry.email().equals("late@example.org"));
  }

  @Test
  void shouldRefuseASubscriptionForTwoAddressesNamingTheField() {
    ResponseEntity<String> response = http.postForEntity("/status/subscribe",
        form("email", "a@example.org, b@example.org", "service", "login"), String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("email: must be exactly one plain address");
  }

  private static org.springframework.util.MultiValueMap<String, String> form(String... pairs) {
    org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private String chromium(Path profile, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return out;
  }

  private void complete(ProcessInstance instance, String key, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult().getId(),
        variables);
  }

  private static JsonNode service(JsonNode page, String id) {
    for (JsonNode service : page.get("services")) {
      if (service.get("id").asText().equals(id)) {
        return service;
      }
    }
    throw new AssertionError("no service " + id);
  }

  private static JsonNode incident(JsonNode page, String title) {
    for (JsonNode incident : page.get("incidents")) {
      if (incident.get("title").asText().equals(title)) {
        return incident;
      }
    }
    throw new AssertionError("no incident " + title);
  }
}
