package io.incidentflow.review;

import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.OutboxRecipient;
import io.incidentflow.mail.RecipientKind;
import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMember;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The review's action items (table action_item): checked as the review's task completes, kept, each closed done
 * or dropped with a reason, and their due-date reminders to the owner and the commander.
 */
@Service
public class ActionItemService {

  static final String ACTION_ITEM_TEMPLATE = "action-item-reminder";

  private final ActionItemRepository actionItems;
  private final StaffDirectory staff;
  private final MailOutbox outbox;
  private final PostIncidentReview review;
  private final ReviewAnswers answers;
  private final Clock clock;

  public ActionItemService(ActionItemRepository actionItems, StaffDirectory staff, MailOutbox outbox,
      PostIncidentReview review, ReviewProperties properties, Clock clock) {
    this.actionItems = actionItems;
    this.staff = staff;
    this.outbox = outbox;
    this.review = review;
    this.answers = new ReviewAnswers(properties);
    this.clock = clock;
  }

  /** The review's action items, checked before the task completes. */
  List<ActionItem.Draft> checkActionItems(Object value) {
    List<ActionItem.Draft> drafts = answers.actionItems(value, clock.instant());
    List<String> unknown = staff.unknownUsers(drafts.stream().map(ActionItem.Draft::owner).toList());
    for (ActionItem.Draft draft : drafts) {
      if (unknown.contains(draft.owner())) {
        throw ReviewAnswers.refused(draft.field() + ".owner", "no user '" + draft.owner() + "'");
      }
    }
    return drafts;
  }

  /** Stores the review's action items (idempotent); @return how many are open */
  int recordActionItems(String incidentId, Object value) {
    List<ActionItem.Draft> drafts = answers.actionItems(value, Instant.MIN);
    for (int i = 0; i < drafts.size(); i++) {
      actionItems.insertIfAbsent(incidentId, i, drafts.get(i), clock.instant());
    }
    return openActionItems(incidentId).size();
  }

  /** The ids of the incident's open action items, in the review's order. */
  List<Long> openActionItems(String incidentId) {
    return actionItems.ofIncident(incidentId).stream().filter(item -> item.status() == ActionItem.Status.OPEN)
        .map(ActionItem::id).toList();
  }

  ActionItem actionItem(long id) {
    return actionItems.find(id).orElseThrow(() -> new IllegalStateException("No action item " + id));
  }

  /** Done, or dropped with a reason. @throws org.camunda.bpm.engine.BadUserRequestException for another outcome */
  void close(long id, Object outcome, Object note, String by) {
    String text = note == null ? "" : note.toString().strip();
    ActionItem.Status status;
    if ("done".equals(outcome)) {
      status = ActionItem.Status.DONE;
    } else if ("dropped".equals(outcome)) {
      if (text.isEmpty()) {
        throw ReviewAnswers.refused(ReviewProcess.ACTION_ITEM_NOTE, "say why the action item is dropped");
      }
      status = ActionItem.Status.DROPPED;
    } else {
      throw ReviewAnswers.refused(ReviewProcess.ACTION_ITEM_OUTCOME, "must be 'done' or 'dropped', was "
          + (outcome == null ? "missing" : "'" + outcome + "'"));
    }
    if (text.length() > ReviewAnswers.LONGEST_TEXT) {
      throw ReviewAnswers.refused(ReviewProcess.ACTION_ITEM_NOTE, "at most " + ReviewAnswers.LONGEST_TEXT + " characters");
    }
    actionItems.close(id, status, text.isEmpty() ? null : text, by, clock.instant());
  }

  /** When to remind the owner: {@code before} its due time, or now when that has passed already. */
  java.util.Date remindAt(long id, String before) {
    Instant at = actionItem(id).dueAt().minus(Duration.parse(before));
    Instant now = clock.instant();
    return java.util.Date.from(at.isBefore(now) ? now : at);
  }

  java.util.Date dueAt(long id) {
    return java.util.Date.from(actionItem(id).dueAt());
  }

  /**
   * Mails the owner that the item is due soon, or the owner and the commander that it is overdue; once each.
   *
   * @return how many mails were added
   */
  int remind(long id, boolean overdue, String commander, String taskUrl) {
    ActionItem item = actionItem(id);
    Instant now = clock.instant();
    if (item.status() != ActionItem.Status.OPEN
        || !(overdue ? actionItems.markOverdue(id, now) : actionItems.markReminded(id, now))) {
      return 0;
    }
    List<StaffMember> to = new ArrayList<>();
    staff.find(item.owner()).ifPresent(to::add);
    if (overdue && commander != null && !commander.equals(item.owner())) {
      staff.find(commander).ifPresent(to::add);
    }
    List<OutboxRecipient> recipients = to.stream().filter(m -> m.email() != null && !m.email().isBlank())
        .map(m -> new OutboxRecipient(m.userId(), m.name(), m.email())).toList();
    Map<String, Object> model = new HashMap<>();
    model.put("incidentId", item.incidentId());
    model.put("description", item.description());
    model.put("owner", item.owner());
    model.put("dueAt", review.when(item.dueAt()));
    model.put("overdue", overdue);
    model.put("taskUrl", taskUrl);
    String subject = (overdue ? "Overdue action item of " : "Action item due soon, ") + item.incidentId() + ": "
        + PostIncidentReview.abbreviate(item.description());
    return outbox.enqueue(item.incidentId(), "action-item-" + id + (overdue ? "-overdue" : "-due-soon"),
        RecipientKind.STAFF, ACTION_ITEM_TEMPLATE, subject, model, recipients);
  }

}
