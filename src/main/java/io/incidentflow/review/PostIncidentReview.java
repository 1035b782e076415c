package io.incidentflow.review;

import static io.incidentflow.incident.IncidentProcess.ACTOR_MONITORING;
import static io.incidentflow.incident.IncidentProcess.GROUP_COMMUNICATIONS;
import static io.incidentflow.incident.IncidentProcess.GROUP_INCIDENT_MANAGERS;
import static io.incidentflow.incident.IncidentProcess.GROUP_TECHNICIANS;
import static io.incidentflow.incident.IncidentProcess.TASK_SCOPE_INCIDENT;

import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.MailProperties;
import io.incidentflow.mail.OutboxRecipient;
import io.incidentflow.mail.Recipient;
import io.incidentflow.mail.RecipientKind;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMember;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;

/**
 * The post-incident review's meeting (processes/post-incident-review.bpmn): who leads it and whom to invite, the
 * invitation with its calendar request. The action items are {@link ActionItemService}'s. The delegates of the
 * model translate process variables to these calls.
 */
@Service
public class PostIncidentReview {

  /** The mail template of the invitation; its model carries the iCalendar request. */
  static final String INVITATION_TEMPLATE = "review-invitation";
  /** The groups whose members the attendee list offers. */
  static final List<String> ATTENDEE_GROUPS = List.of(GROUP_INCIDENT_MANAGERS, GROUP_TECHNICIANS, GROUP_COMMUNICATIONS);
  private static final int MOST_OPTIONS = 500;

  private final HistoryService history;
  private final StaffDirectory staff;
  private final MailOutbox outbox;
  private final ReviewRepository reviews;
  private final ReviewAnswers answers;
  private final ReviewProperties properties;
  private final String publicUrl;
  private final String mailFrom;
  private final Clock clock;

  public PostIncidentReview(HistoryService history, StaffDirectory staff, MailOutbox outbox, ReviewRepository reviews,
      ReviewProperties properties, MailProperties mail, Clock clock) {
    this.history = history;
    this.staff = staff;
    this.outbox = outbox;
    this.reviews = reviews;
    this.answers = new ReviewAnswers(properties);
    this.properties = properties;
    this.publicUrl = mail.publicUrl();
    this.mailFrom = mailAddress(mail.from());
    this.clock = clock;
  }

  /**
   * @param commander the incident manager who scoped the incident (null when nobody did: an old incident)
   * @param attendees the people who worked the incident: task assignees, in order of first appearance
   * @param options whom the attendee list offers: the proposed attendees and every member of the working groups
   */
  record Proposal(String commander, List<String> attendees, List<String> options) {}

  Proposal propose(String incidentId) {
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(incidentId).orderByHistoricActivityInstanceStartTime().asc().list();
    String commander = tasks.stream()
        .filter(task -> TASK_SCOPE_INCIDENT.equals(task.getTaskDefinitionKey()) && task.getEndTime() != null)
        .map(HistoricTaskInstance::getAssignee).filter(Objects::nonNull).reduce((first, last) -> last).orElse(null);
    Set<String> people = new LinkedHashSet<>();
    if (commander != null) {
      people.add(commander);
    }
    tasks.stream().map(HistoricTaskInstance::getAssignee).filter(Objects::nonNull)
        .filter(user -> !ACTOR_MONITORING.equals(user)).forEach(people::add);
    List<String> unknown = staff.unknownUsers(people);
    List<String> attendees = people.stream().filter(user -> !unknown.contains(user)).toList();
    Set<String> options = new TreeSet<>(attendees);
    for (String group : ATTENDEE_GROUPS) {
      staff.everyoneIn(group).stream().limit(MOST_OPTIONS).map(StaffMember::userId).forEach(options::add);
    }
    return new Proposal(commander == null || unknown.contains(commander) ? null : commander, attendees,
        List.copyOf(options));
  }

  /** The schedule task's answers, checked before the task completes. @throws org.camunda.bpm.engine.BadUserRequestException */
  void checkSchedule(Object start, Object durationMinutes, Object attendees, Object extraAttendees) {
    answers.start(start, clock.instant());
    answers.duration(durationMinutes);
    List<String> addresses = ReviewAnswers.addresses(extraAttendees);
    List<String> userIds = ReviewAnswers.userIds(attendees);
    List<String> unknown = staff.unknownUsers(userIds);
    if (!unknown.isEmpty()) {
      throw ReviewAnswers.refused(ReviewProcess.ATTENDEES, "no user " + unknown);
    }
    boolean anyoneMailable = !addresses.isEmpty()
        || userIds.stream().map(staff::find).flatMap(java.util.Optional::stream)
            .anyMatch(member -> member.email() != null && !member.email().isBlank());
    if (!anyoneMailable) {
      throw ReviewAnswers.refused(ReviewProcess.ATTENDEES, "invite at least one person with a mail address");
    }
  }

  /** What the invitation needs besides the schedule task's answers. */
  record IncidentRef(String incidentId, String title, String serviceName, String severity) {}

  /**
   * Mails the invitation with its calendar request to the organizer and every attendee, through the outbox (once
   * per recipient and sequence: a retried job mails nobody twice). A reschedule sends the next sequence of the
   * same event.
   *
   * @return the meeting as invited
   */
  ReviewMeeting invite(IncidentRef incident, String commander, Object start, Object durationMinutes, String location,
      Object attendees, Object extraAttendees) {
    Instant from = answers.start(start, Instant.MIN);
    Instant to = from.plus(answers.duration(durationMinutes));
    Map<String, OutboxRecipient> recipients = new LinkedHashMap<>();
    List<String> userIds = new ArrayList<>(ReviewAnswers.userIds(attendees));
    StaffMember organizer = commander == null ? null : staff.find(commander).orElse(null);
    if (organizer != null && !userIds.contains(organizer.userId())) {
      userIds.add(0, organizer.userId());
    }
    for (String userId : userIds) {
      staff.find(userId).filter(member -> member.email() != null && !member.email().isBlank())
          .ifPresent(member -> recipients.put(member.email().toLowerCase(Locale.ROOT),
              new OutboxRecipient(member.userId(), member.name(), member.email())));
    }
    for (String address : ReviewAnswers.addresses(extraAttendees)) {
      recipients.putIfAbsent(address.toLowerCase(Locale.ROOT), new OutboxRecipient("mail:" + address, address, address));
    }
    if (recipients.isEmpty()) {
      throw new IllegalStateException("Nobody to invite to the review of " + incident.incidentId()
          + " has a mail address: add their addresses in Admin or as further attendees, then retry");
    }
    Recipient host = organizer != null && organizer.email() != null && !organizer.email().isBlank()
        ? new Recipient(organizer.name(), organizer.email())
        : new Recipient("IncidentFlow", mailFrom);
    int sequence = reviews.schedule(incident.incidentId(), commander, from, to);
    ReviewMeeting meeting = new ReviewMeeting(incident.incidentId(), incident.title(), from, to, location, host,
        recipients.values().stream().map(r -> new Recipient(r.name(), r.email())).toList(), sequence,
        incidentPage(incident.incidentId()));
    Map<String, Object> model = new HashMap<>();
    model.put("incident", Map.of("id", incident.incidentId(), "title", Objects.toString(incident.title(), ""),
        "serviceName", Objects.toString(incident.serviceName(), ""), "severity",
        Objects.toString(incident.severity(), "")));
    model.put("meetingStart", when(from));
    model.put("meetingEnd", when(to));
    model.put("location", location == null ? "" : location);
    model.put("organizer", host.name());
    model.put("attendees", String.join(", ", meeting.attendees().stream().map(Recipient::name).toList()));
    model.put("rescheduled", sequence > 0);
    model.put("reviewUrl", meeting.link());
    model.put(io.incidentflow.mail.Mailer.CALENDAR_REQUEST, ReviewInvitation.request(meeting));
    String subject = (sequence > 0 ? "Rescheduled: " : "Invitation: ") + "post-incident review of "
        + incident.incidentId() + " – " + incident.title() + " (" + when(from) + ")";
    outbox.enqueue(incident.incidentId(), "review-invitation-" + sequence, RecipientKind.STAFF, INVITATION_TEMPLATE,
        subject, model, List.copyOf(recipients.values()));
    return meeting;
  }

  /** The incident's page: its timeline, SLA clocks and diagram, running or finished (incidentpage). */
  String incidentPage(String incidentId) {
    return publicUrl + "/api/staff/incidents/" + incidentId + ".html";
  }

  String when(Instant instant) {
    return DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH)
        .format(instant.atZone(properties.timeZone()));
  }

  private static String mailAddress(String from) {
    try {
      return jakarta.mail.internet.InternetAddress.parse(from, true)[0].getAddress();
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalStateException("incidentflow.mail.from is not a valid address: " + from, e);
    }
  }

  /** Its first line, at most 60 characters: for a task name or a subject. */
  static String abbreviate(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() <= 60 ? line : line.substring(0, 59) + "…";
  }
}
