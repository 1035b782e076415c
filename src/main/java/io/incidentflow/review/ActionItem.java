package io.incidentflow.review;

import java.time.Instant;

/** One action item of a review (table action_item). */
public record ActionItem(long id, String incidentId, int position, String description, String owner, Instant dueAt,
    Instant createdAt, Status status, String note, String closedBy, Instant closedAt) {

  public enum Status {
    OPEN, DONE, DROPPED;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What the review's form asked: what, who, by when.
   *
   * @param field where in the form's answer it was ({@code actionItems.item2}), for a refusal naming it
   */
  public record Draft(String description, String owner, Instant dueAt, String field) {}
}
