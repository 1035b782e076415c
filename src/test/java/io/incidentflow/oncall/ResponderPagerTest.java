package io.incidentflow.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.mail.MailProperties;
import io.incidentflow.platform.LinkSigner;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMember;
import io.incidentflow.tasklist.TasklistLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One level of paging without the engine: whom the targets name, which channel takes the page, what is logged. */
class ResponderPagerTest {

  static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
  static final IncidentSnapshot INCIDENT =
      new IncidentSnapshot("INC-2026-0042", "Search is down", "", "search", "Search", "SEV1", List.of(), null);

  private final Map<String, String> onCall = new java.util.HashMap<>(Map.of("database-primary", "dan"));
  private final StaffDirectory staff = mock(StaffDirectory.class);
  private final TaskService tasks = mock(TaskService.class, RETURNS_DEEP_STUBS);
  private final PageAttemptRepository log = mock(PageAttemptRepository.class);
  private final List<String> sent = new ArrayList<>();
  private final Set<String> webhookDown = new java.util.HashSet<>();
  private ResponderPager pager;

  @BeforeEach
  void setUp() {
    person("dan", "dan@example.com");
    person("tom", "tom@example.com");
    person("nomail", null);
    when(staff.everyoneIn("database")).thenReturn(List.of(member("dan", "dan@example.com"),
        member("tom", "tom@example.com")));
    when(staff.everyoneIn("empty")).thenReturn(List.of());
    PagingChannel webhook = channel("webhook", responder -> {
      if (webhookDown.contains(responder.userId()) || !responder.userId().equals("nomail")) {
        throw new PagingChannel.ChannelFailure("no webhook");
      }
    });
    PagingChannel email = channel("email", responder -> {
      if (responder.email() == null) {
        throw new PagingChannel.ChannelFailure("no email address");
      }
    });
    MailProperties mail = new MailProperties("IncidentFlow <if@example.com>", "https://incidents.example.com");
    pager = new ResponderPager(new ResponderTargets((schedule, at) -> Optional.ofNullable(onCall.get(schedule)), staff),
        List.of(email, webhook), log, new AckLinks(new LinkSigner("a-test-secret-of-enough-length"), mail), tasks,
        new PagingProperties(List.of("webhook", "email"), List.of(), Duration.ofHours(24), Duration.ofSeconds(3)),
        new TasklistLinks(mail.publicUrl(), () -> "filter-1"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldPageWhoeverIsOnCallOnTheFirstChannelThatTakesThePage() {
    ResponderPager.Result result = pager.page(level("schedule:database-primary"));

    assertThat(result.reached()).containsExactly("dan");
    assertThat(sent).containsExactly("email dan");
    assertThat(result.attempts()).extracting(PageAttempt::userId, PageAttempt::channel, PageAttempt::outcome)
        .containsExactly(tuple("dan", "webhook", PageAttempt.Outcome.CHANNEL_FAILED),
            tuple("dan", "email", PageAttempt.Outcome.PAGED));
    verify(log, org.mockito.Mockito.times(2)).record(any());
  }

  @Test
  void shouldLogEachTargetThatNamesNobodyWithTheReason() {
    onCall.remove("database-primary");

    ResponderPager.Result result = pager.page(level("schedule:database-primary, group:empty, user:ghost, pager:7"));

    assertThat(result.reached()).isEmpty();
    assertThat(result.attempts()).extracting(PageAttempt::target, PageAttempt::outcome, PageAttempt::detail)
        .containsExactly(tuple("schedule:database-primary", PageAttempt.Outcome.NOT_REACHED, "nobody on call"),
            tuple("group:empty", PageAttempt.Outcome.NOT_REACHED, "no member"),
            tuple("user:ghost", PageAttempt.Outcome.NOT_REACHED, "no such user"),
            tuple("pager:7", PageAttempt.Outcome.NOT_REACHED, "not schedule:ID, user:ID or group:ID"));
  }

  @Test
  void shouldPageEachPersonOnceWhenTwoTargetsNameThem() {
    ResponderPager.Result result = pager.page(level("schedule:database-primary, group:database, user:dan"));

    assertThat(result.reached()).containsExactly("dan", "tom");
    assertThat(sent).containsExactly("email dan", "email tom");
  }

  @Test
  void shouldRecordSomeoneNoChannelReaches() {
    webhookDown.add("nomail");

    ResponderPager.Result result = pager.page(level("user:nomail"));

    assertThat(result.reached()).isEmpty();
    assertThat(result.attempts()).extracting(PageAttempt::channel, PageAttempt::outcome, PageAttempt::detail)
        .containsExactly(tuple("webhook", PageAttempt.Outcome.CHANNEL_FAILED, "no webhook"),
            tuple("email", PageAttempt.Outcome.CHANNEL_FAILED, "no email address"),
            tuple(null, PageAttempt.Outcome.NOT_REACHED, "no channel took the page"));
  }

  @Test
  void shouldOfferTheAcknowledgeTaskToThePagedPersonAndLinkStraightToIt() {
    Task acknowledge = mock(Task.class);
    when(acknowledge.getId()).thenReturn("task-1");
    when(tasks.createTaskQuery().processInstanceBusinessKey(any()).processDefinitionKey(any()).taskDefinitionKey(any())
        .active().singleResult()).thenReturn(acknowledge);
    when(tasks.getIdentityLinksForTask("task-1")).thenReturn(List.of());
    List<PageMessage> messages = new ArrayList<>();
    pager = pagerRecording(messages);

    pager.page(level("user:tom"));

    verify(tasks).addCandidateUser("task-1", "tom");
    verify(tasks).setAssignee("task-1", "tom");
    assertThat(messages).singleElement().satisfies(message -> {
      assertThat(message.taskUrl()).isEqualTo("https://incidents.example.com/camunda/app/tasklist/default/#/?task=task-1");
      assertThat(message.incidentUrl()).isEqualTo("https://incidents.example.com/camunda/app/tasklist/default/#/"
          + "?filter=filter-1&searchQuery=%5B%7B%22type%22%3A%22processInstanceBusinessKey%22%2C%22operator%22%3A%22eq"
          + "%22%2C%22value%22%3A%22INC-2026-0042%22%2C%22name%22%3A%22%22%7D%5D");
      assertThat(message.acknowledgeUrl()).startsWith("https://incidents.example.com/ack?incident=INC-2026-0042&user=tom"
          + "&expires=" + NOW.plus(Duration.ofHours(24)).getEpochSecond() + "&signature=");
      assertThat(message.headline()).isEqualTo("[SEV1] INC-2026-0042 paged: Search is down");
    });
    verify(tasks, never()).addCandidateUser("task-1", "dan");
  }

  @Test
  void shouldHandTheTaskToTheOnePersonALevelReachedAndOpenItToAllWhenALevelReachedSeveral() {
    Task acknowledge = mock(Task.class);
    when(acknowledge.getId()).thenReturn("task-1");
    when(acknowledge.getAssignee()).thenReturn("dan");
    when(tasks.createTaskQuery().processInstanceBusinessKey(any()).processDefinitionKey(any()).taskDefinitionKey(any())
        .active().singleResult()).thenReturn(acknowledge);
    pager = pagerRecording(new ArrayList<>());

    pager.page(level("user:dan"));
    verify(tasks, never()).setAssignee(any(), any());

    pager.page(level("user:tom"));
    verify(tasks).setAssignee("task-1", "tom");

    pager.page(level("group:database"));
    verify(tasks).setAssignee("task-1", null);
  }

  private ResponderPager pagerRecording(List<PageMessage> messages) {
    MailProperties mail = new MailProperties("IncidentFlow <if@example.com>", "https://incidents.example.com");
    PagingChannel email = new PagingChannel() {
      @Override
      public String name() {
        return "email";
      }

      @Override
      public void send(Responder responder, PageMessage page) {
        messages.add(page);
      }
    };
    return new ResponderPager(new ResponderTargets((schedule, at) -> Optional.empty(), staff), List.of(email), log,
        new AckLinks(new LinkSigner("a-test-secret-of-enough-length"), mail), tasks,
        new PagingProperties(List.of("email"), List.of(), Duration.ofHours(24), Duration.ofSeconds(3)),
        new TasklistLinks(mail.publicUrl(), () -> "filter-1"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static ResponderPager.Level level(String targets) {
    return new ResponderPager.Level(INCIDENT, "Restart the index", 1, 1, targets);
  }

  private void person(String id, String email) {
    when(staff.find(id)).thenReturn(Optional.of(member(id, email)));
  }

  private static StaffMember member(String id, String email) {
    return new StaffMember(id, id.toUpperCase(), email);
  }

  interface Send {
    void to(Responder responder) throws PagingChannel.ChannelFailure;
  }

  private PagingChannel channel(String name, Send send) {
    return new PagingChannel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void send(Responder responder, PageMessage page) throws ChannelFailure {
        send.to(responder);
        sent.add(name + " " + responder.userId());
      }
    };
  }
}
