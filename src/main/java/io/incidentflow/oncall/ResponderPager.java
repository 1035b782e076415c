package io.incidentflow.oncall;

import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.IncidentTasks;
import io.incidentflow.tasklist.TasklistLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Pages one level: each person its targets name is tried on each channel in turn until one takes the page;
 * every attempt is recorded. A paged person is also offered the incident's Acknowledge task in Tasklist.
 */
@Service
public class ResponderPager {

  /** What to page: the incident, its runbook, where in the policy, whom. */
  public record Level(IncidentSnapshot incident, String runbook, int round, int level, String targets) {}

  /** @param reached whoever took a page */
  public record Result(List<String> reached, List<PageAttempt> attempts) {}

  private final ResponderTargets targets;
  private final List<PagingChannel> channels;
  private final PageAttemptRepository log;
  private final AckLinks ackLinks;
  private final TaskService tasks;
  private final PagingProperties properties;
  private final TasklistLinks links;
  private final Clock clock;

  public ResponderPager(ResponderTargets targets, List<PagingChannel> channels, PageAttemptRepository log,
      AckLinks ackLinks, TaskService tasks, PagingProperties properties, TasklistLinks links, Clock clock) {
    this.targets = targets;
    this.channels = properties.channels().stream()
        .map(name -> channels.stream().filter(channel -> channel.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("incidentflow.paging.channels: unknown channel " + name)))
        .toList();
    this.log = log;
    this.ackLinks = ackLinks;
    this.tasks = tasks;
    this.properties = properties;
    this.links = links;
    this.clock = clock;
  }

  public Result page(Level level) {
    Instant now = clock.instant();
    String incidentId = level.incident().id();
    ResponderTargets.Resolution resolution = targets.resolve(level.targets(), now);
    List<PageAttempt> attempts = new ArrayList<>();
    for (Map.Entry<String, String> nobody : resolution.unreached().entrySet()) {
      attempts.add(new PageAttempt(incidentId, level.round(), level.level(), nobody.getKey(), null, null,
          PageAttempt.Outcome.NOT_REACHED, nobody.getValue(), now));
    }
    Task acknowledge = IncidentTasks.open(tasks, incidentId, IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT);
    String taskUrl = links.task(acknowledge == null ? null : acknowledge.getId());
    String incidentUrl = links.incident(incidentId);
    List<String> reached = new ArrayList<>();
    for (Responder responder : resolution.responders()) {
      PageMessage message = new PageMessage(level.incident(), level.runbook(), level.round(), level.level(),
          ackLinks.url(incidentId, responder.userId(), now.plus(properties.acknowledgeLinkValidity())), taskUrl, incidentUrl);
      if (pageOnFirstChannel(responder, message, attempts, now)) {
        reached.add(responder.userId());
        offer(acknowledge, responder.userId());
      }
    }
    assign(acknowledge, reached);
    attempts.forEach(log::record);
    return new Result(reached, attempts);
  }

  /** So that the paged person finds the task in Tasklist and may work it (and read its incident). */
  private void offer(Task acknowledge, String userId) {
    if (acknowledge != null && tasks.getIdentityLinksForTask(acknowledge.getId()).stream()
        .noneMatch(link -> userId.equals(link.getUserId()))) {
      tasks.addCandidateUser(acknowledge.getId(), userId);
    }
  }

  /**
   * A level that reached one person gives them the task, so that it waits in their "My incident tasks" without
   * a claim; the next level's reassigns it, as an escalation does in PagerDuty. A level that reached several
   * leaves it open to all of them (each is a candidate).
   */
  private void assign(Task acknowledge, List<String> reached) {
    if (acknowledge == null || reached.isEmpty()) {
      return;
    }
    String assignee = reached.size() == 1 ? reached.get(0) : null;
    if (!Objects.equals(assignee, acknowledge.getAssignee())) {
      tasks.setAssignee(acknowledge.getId(), assignee);
    }
  }

  private boolean pageOnFirstChannel(Responder responder, PageMessage message, List<PageAttempt> attempts,
      Instant now) {
    PageMessage page = message;
    for (PagingChannel channel : channels) {
      try {
        channel.send(responder, page);
        attempts.add(attempt(page, responder, channel.name(), PageAttempt.Outcome.PAGED, null, now));
        return true;
      } catch (PagingChannel.ChannelFailure failure) {
        attempts.add(attempt(page, responder, channel.name(), PageAttempt.Outcome.CHANNEL_FAILED, failure.getMessage(),
            now));
      }
    }
    attempts.add(attempt(page, responder, null, PageAttempt.Outcome.NOT_REACHED, "no channel took the page", now));
    return false;
  }

  private static PageAttempt attempt(PageMessage page, Responder responder, String channel,
      PageAttempt.Outcome outcome, String detail, Instant now) {
    return new PageAttempt(page.incident().id(), page.round(), page.level(), responder.reason(), responder.userId(),
        channel, outcome, detail, now);
  }
}
