package io.incidentflow.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.PostgresTestDatabase;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On-call schedules over HTTP on PostgreSQL, as staff and calendar apps use them, and as paging asks them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OnCallScheduleIT {

  static final String PATH = "/api/staff/schedules";
  static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired OnCallSchedules onCall;

  /** One event of a feed as a calendar app reads it. */
  record FeedEvent(String uid, String summary, String description, Instant start, Instant end) {}

  @Test
  void shouldCreateReadAndUpdateAScheduleWithItsLayers() {
    ResponseEntity<JsonNode> created = send("ivy", HttpMethod.POST, PATH, schedule("crud", "Europe/Berlin", "\"tom\", \"amy\""));
    ResponseEntity<JsonNode> again = send("ivy", HttpMethod.POST, PATH, schedule("crud", "Europe/Berlin", "\"tom\""));
    ResponseEntity<JsonNode> updated = send("ivy", HttpMethod.PUT, PATH + "/crud",
        schedule("ignored", "America/New_York", "\"amy\", \"tom\""));
    ResponseEntity<JsonNode> read = http.withBasicAuth("tom", "demo").getForEntity(PATH + "/crud", JsonNode.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getBody().get("id").asText()).as("the path's id wins").isEqualTo("crud");
    assertThat(read.getBody().get("zone").asText()).isEqualTo("America/New_York");
    JsonNode layer = read.getBody().get("layers").get(0);
    assertThat(layer.get("rotation").asText()).isEqualTo("weekly");
    assertThat(layer.get("handoff").asText()).isEqualTo("09:00");
    assertThat(layer.get("start").asText()).isEqualTo("2026-01-05");
    assertThat(layer.get("users")).extracting(JsonNode::asText).containsExactly("amy", "tom");
    assertThat(http.withBasicAuth("max", "demo").getForObject(PATH, String.class)).contains("\"crud\"");

    assertThat(send("ivy", HttpMethod.DELETE, PATH + "/crud", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(send("ivy", HttpMethod.GET, PATH + "/crud", null).getBody().get("errors").get(0).asText())
        .isEqualTo("id: no schedule 'crud'");
  }

  @Test
  void shouldNameEveryBadFieldOfASchedule() {
    ResponseEntity<JsonNode> response = send("ivy", HttpMethod.POST, PATH, """
        {"id": "bad", "name": "Bad", "zone": "Europe/Berln", "layers": [
          {"name": "a", "start": "2026-01-05", "handoff": "9am", "rotation": "monthly", "users": []},
          {"name": "a", "start": "2026-02-30", "end": "2026-01-01", "handoff": "09:00", "rotation": "P3D",
           "users": ["tom", "nobody"]}]}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("errors")).extracting(JsonNode::asText).containsExactly(
        "zone: unknown time zone 'Europe/Berln'",
        "layers[0].handoff: must be a local time such as 09:00, not '9am'",
        "layers[0].rotation: must be daily, weekly or an ISO-8601 length such as P3D or PT12H"
            + " (one hour to one year, no months)",
        "layers[0].users: must not be empty",
        "layers[1].name: 'a' is the name of layers[0] already",
        "layers[1].start: must be a date such as 2026-01-05, not '2026-02-30'",
        "layers[1].users[1]: unknown user 'nobody'");
    assertThat(send("ivy", HttpMethod.POST, PATH, "{\"id\": \"empty\", \"name\": \"Empty\", \"zone\": \"UTC\"}")
        .getBody().get("errors")).extracting(JsonNode::asText).containsExactly("layers: must not be empty");
  }

  @Test
  void shouldRefuseATechniciansWritesNamingTheGroupButLetThemRead() {
    send("ivy", HttpMethod.POST, PATH, schedule("guarded", "Europe/Berlin", "\"tom\""));

    ResponseEntity<JsonNode> post = send("tom", HttpMethod.POST, PATH, schedule("by-tom", "Europe/Berlin", "\"tom\""));
    ResponseEntity<JsonNode> put = send("tom", HttpMethod.PUT, PATH + "/guarded", schedule("guarded", "UTC", "\"tom\""));
    ResponseEntity<JsonNode> override = send("tom", HttpMethod.POST, PATH + "/guarded/overrides",
        "{\"user\": \"tom\", \"from\": \"2026-12-01T08:00:00Z\", \"to\": \"2026-12-02T08:00:00Z\"}");
    ResponseEntity<JsonNode> delete = send("tom", HttpMethod.DELETE, PATH + "/guarded", null);

    for (ResponseEntity<JsonNode> refused : List.of(post, put, override, delete)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody().get("errors").get(0).asText()).isEqualTo("group: one of [incident-managers] is required");
    }
    assertThat(send("tom", HttpMethod.GET, PATH + "/guarded", null).getBody().get("zone").asText())
        .as("unchanged").isEqualTo("Europe/Berlin");
    assertThat(send("tom", HttpMethod.GET, PATH + "/by-tom", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(PATH, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity(PATH + "/guarded/calendar.ics", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldAnswerWhoIsOnCallWithAnOverrideAboveTheRotation() {
    send("ivy", HttpMethod.POST, PATH, schedule("answer", "Europe/Berlin", "\"tom\", \"amy\""));
    // Weekly from Monday 2026-01-05 09:00 Berlin: tom, then amy from 2026-01-12T08:00Z; dan covers a day.
    ResponseEntity<JsonNode> added = send("ivy", HttpMethod.POST, PATH + "/answer/overrides",
        "{\"user\": \"dan\", \"from\": \"2026-01-13T08:00:00Z\", \"to\": \"2026-01-14T08:00:00Z\", \"covering\": \"amy\"}");

    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(whoAt("answer", "2026-01-12T07:59:59Z")).isEqualTo("tom");
    assertThat(whoAt("answer", "2026-01-12T08:00:00Z")).isEqualTo("amy");
    assertThat(whoAt("answer", "2026-01-13T08:00:00Z")).isEqualTo("dan");
    assertThat(whoAt("answer", "2026-01-14T09:00:00%2B01:00")).as("an offset instead of Z").isEqualTo("amy");
    assertThat(whoAt("answer", "2026-01-01T00:00:00Z")).as("before the rotation starts").isNull();
    assertThat(onCall.onCall("answer", Instant.parse("2026-01-13T12:00:00Z"))).contains("dan");
    assertThat(send("ivy", HttpMethod.GET, PATH + "/answer/on-call?at=yesterday", null).getBody().get("errors")
        .get(0).asText()).isEqualTo("at: must be an instant such as 2026-12-01T08:00:00Z, not 'yesterday'");

    assertThat(send("tom", HttpMethod.GET, PATH + "/answer/shifts?from=2026-01-12T00:00:00Z&to=2026-01-15T00:00:00Z",
        null).getBody()).extracting(shift -> shift.get("user").asText() + " from " + shift.get("start").asText())
        .containsExactly("tom from 2026-01-12T00:00:00Z", "amy from 2026-01-12T08:00:00Z", "dan from 2026-01-13T08:00:00Z",
            "amy from 2026-01-14T08:00:00Z");
    assertThat(send("tom", HttpMethod.GET, PATH + "/answer/shifts?from=2026-01-12T00:00:00Z&to=2026-01-11T00:00:00Z",
        null).getBody().get("errors").get(0).asText()).isEqualTo("to: must be after from");

    long id = added.getBody().get("id").asLong();
    assertThat(send("ivy", HttpMethod.DELETE, PATH + "/answer/overrides/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(whoAt("answer", "2026-01-13T08:00:00Z")).isEqualTo("amy");
  }

  @Test
  void shouldRefuseAnOverlappingOrImpossibleOverrideNamingTheField() {
    send("ivy", HttpMethod.POST, PATH, schedule("overlaps", "Europe/Berlin", "\"tom\", \"amy\""));
    long first = send("ivy", HttpMethod.POST, PATH + "/overlaps/overrides",
        "{\"user\": \"amy\", \"from\": \"2026-12-01T08:00:00Z\", \"to\": \"2026-12-02T08:00:00Z\"}").getBody().get("id").asLong();

    ResponseEntity<JsonNode> overlapping = send("ivy", HttpMethod.POST, PATH + "/overlaps/overrides",
        "{\"user\": \"dan\", \"from\": \"2026-12-02T07:00:00Z\", \"to\": \"2026-12-03T08:00:00Z\"}");
    ResponseEntity<JsonNode> backwards = send("ivy", HttpMethod.POST, PATH + "/overlaps/overrides",
        "{\"user\": \"ghost\", \"from\": \"2026-12-05T08:00:00Z\", \"to\": \"2026-12-04T08:00:00Z\"}");
    ResponseEntity<JsonNode> adjoining = send("ivy", HttpMethod.POST, PATH + "/overlaps/overrides",
        "{\"user\": \"dan\", \"from\": \"2026-12-02T08:00:00Z\", \"to\": \"2026-12-03T08:00:00Z\"}");
    ResponseEntity<JsonNode> unknownSchedule = send("ivy", HttpMethod.POST, PATH + "/nope/overrides",
        "{\"user\": \"dan\", \"from\": \"2026-12-02T08:00:00Z\", \"to\": \"2026-12-03T08:00:00Z\"}");

    assertThat(overlapping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(overlapping.getBody().get("errors")).extracting(JsonNode::asText)
        .containsExactly("overrides: overlaps override " + first + " (2026-12-01T08:00Z–2026-12-02T08:00Z)");
    assertThat(backwards.getBody().get("errors")).extracting(JsonNode::asText).containsExactly("to: must be after from");
    assertThat(adjoining.getStatusCode()).as("an override may start where another ends").isEqualTo(HttpStatus.CREATED);
    assertThat(unknownSchedule.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(send("ivy", HttpMethod.GET, PATH + "/overlaps/overrides?from=2026-11-01T00:00:00Z", null).getBody())
        .extracting(override -> override.get("user").asText()).containsExactly("amy", "dan");
  }

  @Test
  void shouldServeTheScheduleAsAnICalendarFeedThatParsesBack() throws Exception {
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(40);
    send("ivy", HttpMethod.POST, PATH, """
        {"id": "feed", "name": "Feed test", "zone": "Europe/Berlin", "layers": [
          {"name": "daily", "start": "%s", "handoff": "09:00", "rotation": "daily", "users": ["tom", "amy"]}]}"""
        .formatted(start));
    Instant overrideStart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofDays(2));
    send("ivy", HttpMethod.POST, PATH + "/feed/overrides", "{\"user\": \"dan\", \"from\": \"%s\", \"to\": \"%s\"}"
        .formatted(overrideStart, overrideStart.plus(Duration.ofHours(2))));

    ResponseEntity<String> response = http.withBasicAuth("tom", "demo").getForEntity(PATH + "/feed/calendar.ics", String.class);
    List<FeedEvent> events = events(response.getBody());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/calendar"))).isTrue();
    assertThat(events).hasSizeGreaterThanOrEqualTo(120).allSatisfy(event -> {
      assertThat(event.summary()).isEqualTo("On call: Feed test");
      assertThat(event.end()).isAfter(event.start());
    });
    assertThat(events.get(0).start()).isEqualTo(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
        .minus(Duration.ofDays(30)));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).start()).as("one timeline without gaps").isEqualTo(events.get(i - 1).end());
    }
    assertThat(events).extracting(FeedEvent::uid).doesNotHaveDuplicates();
    assertThat(events).filteredOn(event -> event.description().startsWith("dan "))
        .singleElement().satisfies(event -> {
          assertThat(event.start()).isEqualTo(overrideStart);
          assertThat(event.end()).isEqualTo(overrideStart.plus(Duration.ofHours(2)));
        });
    assertThat(events(http.withBasicAuth("ivy", "demo").getForObject(PATH + "/feed/calendar.ics", String.class)))
        .as("the same UIDs on the next fetch").extracting(FeedEvent::uid)
        .containsExactlyElementsOf(events.stream().map(FeedEvent::uid).toList());
  }

  @Test
  void shouldServeAUsersShiftsInEverySchedule() throws Exception {
    ResponseEntity<String> response = http.withBasicAuth("amy", "demo").getForEntity("/api/staff/users/amy/on-call.ics",
        String.class);
    List<FeedEvent> events = events(response.getBody());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.description()).startsWith("amy is on call"));
    assertThat(events).extracting(FeedEvent::summary).contains("On call: Application primary", "On call: Application secondary");
    assertThat(http.withBasicAuth("amy", "demo").getForEntity("/api/staff/users/nobody/on-call.ics", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldAnswerPagingFromTheDemoRotationsOfEachSkillGroup() {
    assertThat(onCall.schedules()).extracting(OnCallSchedules.ScheduleSummary::id).contains("application-primary",
        "application-secondary", "database-primary", "database-secondary", "network-primary", "network-secondary");
    // Weekly from Monday 2026-01-05 09:00 Berlin (08:00Z).
    Instant firstWeek = Instant.parse("2026-01-06T12:00:00Z");
    Instant secondWeek = Instant.parse("2026-01-12T08:00:00Z");
    assertThat(onCall.onCall("application-primary", firstWeek)).contains("tom");
    assertThat(onCall.onCall("application-primary", secondWeek)).contains("amy");
    assertThat(onCall.onCall("application-secondary", secondWeek)).contains("tom");
    assertThat(onCall.onCall("database-primary", firstWeek)).contains("dan");
    assertThat(onCall.onCall("network-primary", secondWeek)).contains("nia");
    assertThatThrownBy(() -> onCall.onCall("billing-primary", firstWeek)).isInstanceOf(UnknownScheduleException.class)
        .hasMessageContaining("'billing-primary'");
  }

  private String whoAt(String schedule, String at) {
    // A URI as given: '+' of an offset travels encoded as %2B.
    JsonNode answer = http.withBasicAuth("tom", "demo")
        .getForObject(URI.create(http.getRootUri() + PATH + "/" + schedule + "/on-call?at=" + at), JsonNode.class);
    return answer.get("user").isNull() ? null : answer.get("user").asText();
  }

  private static String schedule(String id, String zone, String users) {
    return """
        {"id": "%s", "name": "Schedule %s", "zone": "%s", "layers": [
          {"name": "weekly", "start": "2026-01-05", "handoff": "09:00", "rotation": "weekly", "users": [%s]}]}"""
        .formatted(id, id, zone, users);
  }

  private static List<FeedEvent> events(String ics) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    return events.stream().map(event -> new FeedEvent(value(event, Property.UID), value(event, Property.SUMMARY),
        value(event, Property.DESCRIPTION), utc(value(event, Property.DTSTART)), utc(value(event, Property.DTEND))))
        .toList();
  }

  private static String value(VEvent event, String property) {
    return event.<Property>getRequiredProperty(property).getValue();
  }

  private static Instant utc(String value) {
    return ICAL_UTC.parse(value, Instant::from);
  }

  private ResponseEntity<JsonNode> send(String user, HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
