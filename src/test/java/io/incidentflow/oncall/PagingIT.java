package io.incidentflow.oncall;

import static io.incidentflow.incident.IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentVariables;
import io.incidentflow.incident.TestIncidents;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * From an incident to an acknowledged human, on PostgreSQL, with real mail (GreenMail) and a real chat
 * webhook (an HTTP server on loopback): the demo's rotations and escalation policy page, the page's link
 * acknowledges once, paging stops; a failing webhook falls through to mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PagingIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  /** The network team's chat: answers what the test says, records what it got. */
  static final HttpServer chat = startChat();
  static final AtomicInteger chatStatus = new AtomicInteger(200);
  static final List<String> chatMessages = new CopyOnWriteArrayList<>();

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
    registry.add("incidentflow.paging.webhooks[0].owner", () -> "group:network");
    registry.add("incidentflow.paging.webhooks[0].url",
        () -> "http://127.0.0.1:" + chat.getAddress().getPort() + "/hooks/network");
  }

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JobDriver jobs;
  @Autowired PageAttemptRepository pageLog;

  /**
   * A Monday noon when dan is the database primary (the demo rotation hands over weekly since 2026-01-05: dan in
   * even weeks). In odd weeks tom is, and tom, in every group, is paged through the network team's chat, not by
   * mail: the test would depend on the week it runs in.
   */
  static final Instant DAN_ON_CALL = Instant.parse("2026-11-23T12:00:00Z");

  @BeforeEach
  void startClock() {
    ClockUtil.setCurrentTime(Date.from(DAN_ON_CALL));
    chatMessages.clear();
    chatStatus.set(200);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  static void stopChat() {
    chat.stop(0);
  }

  @Test
  void shouldAcknowledgeThroughThePagesLinkOnceAndStopPaging() throws Exception {
    String pi = startIncident(TestIncidents.searchWarningWithoutCustomerImpact());
    String incidentId = (String) runtime.getVariable(pi, IncidentVariables.INCIDENT_ID);
    MimeMessage page = onlyPageTo(incidentId);
    String onCall = ((jakarta.mail.internet.InternetAddress) page.getAllRecipients()[0]).getAddress()
        .replace("@incidentflow.local", "");
    assertThat(onCall).as("the database rotation's primary that week").isEqualTo("dan");
    String acknowledgeTask = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT)
        .singleResult().getId();
    assertThat(tasks.createTaskQuery().taskId(acknowledgeTask).taskAssignee(onCall).count())
        .as("the task is the paged person's, no claim needed").isEqualTo(1);
    assertThat(GreenMailUtil.getBody(page).replace("=\r\n", "").replace("=3D", "="))
        .contains("The task in Tasklist: http://localhost:8080/camunda/app/tasklist/default/#/?task=" + acknowledgeTask)
        .contains("The incident's open tasks: http://localhost:8080/camunda/app/tasklist/default/#/?filter=");
    String link = acknowledgeLink(page);
    assertThat(runtime.getVariable(pi, PagingProcess.LEVEL_REACHED)).as("shown on the incident").isEqualTo("round 1, level 1");
    assertThat((String) runtime.getVariable(pi, PagingProcess.PAGE_LOG)).contains(onCall + " by email paged");

    ResponseEntity<String> opened = http.getForEntity(link, String.class);
    assertThat(opened.getStatusCode().value()).isEqualTo(200);
    assertThat(opened.getBody()).contains("Acknowledge <strong>" + incidentId + "</strong> as <strong>" + onCall);
    assertThat(acknowledgeTaskOpen(pi)).as("opening the link (a mail scanner) acknowledges nothing").isTrue();

    ResponseEntity<String> confirmed = http.postForEntity("/ack", form(link), String.class);
    assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
    assertThat(confirmed.getBody()).contains("Acknowledged");
    assertThat(acknowledgeTaskOpen(pi)).isFalse();
    assertThat(runtime.getVariable(pi, IncidentVariables.ACKNOWLEDGED_BY)).isEqualTo(onCall);
    assertThat(runtime.getVariable(pi, IncidentVariables.ACKNOWLEDGED_VIA)).isEqualTo("page link");
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(pi).count()).as("paging stopped").isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT).singleResult().getAssignee()).isEqualTo(onCall);

    ResponseEntity<String> again = http.postForEntity("/ack", form(link), String.class);
    assertThat(again.getStatusCode().value()).isEqualTo(410);
    assertThat(again.getBody()).contains("used already", "acknowledged by " + onCall);
    assertThat(pageLog.of(incidentId)).anySatisfy(attempt -> {
      assertThat(attempt.userId()).isEqualTo(onCall);
      assertThat(attempt.channel()).isEqualTo("email");
      assertThat(attempt.outcome()).isEqualTo(PageAttempt.Outcome.PAGED);
      assertThat(attempt.target()).isEqualTo("schedule:database-primary");
    });
  }

  @Test
  void shouldRefuseAForgedLinkAndAnExpiredOne() throws Exception {
    String pi = startIncident(TestIncidents.searchWarningWithoutCustomerImpact());
    String link = acknowledgeLink(onlyPageTo((String) runtime.getVariable(pi, IncidentVariables.INCIDENT_ID)));
    String forged = link.replaceFirst("user=[a-z]+", "user=ivy");

    assertThat(http.getForEntity(forged, String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(http.postForEntity("/ack", form(forged), String.class).getStatusCode().value()).isEqualTo(400);
    jobs.advanceClock(Duration.ofHours(25));
    ResponseEntity<String> late = http.postForEntity("/ack", form(link), String.class);

    assertThat(late.getStatusCode().value()).isEqualTo(410);
    assertThat(late.getBody()).contains("expired");
    assertThat(acknowledgeTaskOpen(pi)).isTrue();
  }

  @Test
  void shouldPageTheNetworkTeamsChatAndFallThroughToMailWhenTheChatFails() throws Exception {
    String paged = startIncident(TestIncidents.internalDiskAlarmOnLogin());
    String incidentId = (String) runtime.getVariable(paged, IncidentVariables.INCIDENT_ID);
    assertThat(chatMessages).singleElement().satisfies(message ->
        assertThat(message).startsWith("{\"text\":\"[SEV").contains(incidentId, "/ack?incident=" + incidentId));
    assertThat(pageLog.of(incidentId)).filteredOn(attempt -> attempt.outcome() == PageAttempt.Outcome.PAGED)
        .singleElement().satisfies(attempt -> assertThat(attempt.channel()).isEqualTo("webhook"));

    chatStatus.set(500);
    String fellThrough = startIncident(TestIncidents.internalDiskAlarmOnLogin());
    String secondId = (String) runtime.getVariable(fellThrough, IncidentVariables.INCIDENT_ID);

    assertThat(pageLog.of(secondId)).extracting(PageAttempt::channel, PageAttempt::outcome, PageAttempt::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("webhook", PageAttempt.Outcome.CHANNEL_FAILED, "webhook answered 500"),
            org.assertj.core.groups.Tuple.tuple("email", PageAttempt.Outcome.PAGED, null));
    assertThat(onlyPageTo(secondId)).isNotNull();
  }

  private String startIncident(TestIncidents incident) {
    String pi = runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, incident.variables()).getId();
    jobs.runDueJobs(pi);
    return pi;
  }

  private MimeMessage onlyPageTo(String incidentId) {
    List<MimeMessage> pages = List.of(smtp.getReceivedMessages()).stream()
        .filter(message -> subject(message).contains(incidentId + " paged")).toList();
    assertThat(pages).as("pages of %s", incidentId).hasSize(1);
    return pages.get(0);
  }

  private boolean acknowledgeTaskOpen(String pi) {
    return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT).count() == 1;
  }

  /** The link as the mail's text part has it, on this test's server. */
  private static String acknowledgeLink(MimeMessage page) {
    Matcher link = Pattern.compile("http://localhost:8080(/ack\\?[^\\s\"<]+)").matcher(GreenMailUtil.getBody(page)
        .replace("=\r\n", "").replace("=3D", "="));
    assertThat(link.find()).as("an acknowledge link in the page").isTrue();
    return link.group(1).replace("&amp;", "&");
  }

  private static HttpEntity<MultiValueMap<String, String>> form(String link) {
    MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
    for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
      String[] nameValue = pair.split("=", 2);
      fields.add(nameValue[0], java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new HttpEntity<>(fields, headers);
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer startChat() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hooks/network", exchange -> {
        chatMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(chatStatus.get(), -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
