package io.incidentflow.review;

import io.incidentflow.incident.IncidentRepository;
import io.incidentflow.platform.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An incident's post-incident review: its meeting, action items and document (who may read: security.StaffApiRules). */
@RestController
@Tag(name = "Review")
class ReviewController {

  /** The review as the API shows it; {@code document} says whether the review document is written yet. */
  record ReviewView(String incidentId, String commander, Instant meetingStart, Instant meetingEnd,
      Integer invitationSequence, Instant completedAt, boolean document, List<ActionItem> actionItems) {}

  private final IncidentRepository incidents;
  private final ReviewRepository reviews;
  private final ActionItemRepository actionItems;
  private final ReviewDocuments documents;

  ReviewController(IncidentRepository incidents, ReviewRepository reviews, ActionItemRepository actionItems,
      ReviewDocuments documents) {
    this.incidents = incidents;
    this.reviews = reviews;
    this.actionItems = actionItems;
    this.documents = documents;
  }

  @Operation(summary = "The incident's review: the meeting as last invited, each action item with owner, due date "
      + "and outcome, and whether the review document is written")
  @GetMapping("/api/staff/incidents/{incidentId}/review")
  ReviewView review(@PathVariable String incidentId) {
    known(incidentId);
    ReviewRepository.Review review = reviews.find(incidentId).orElse(null);
    return new ReviewView(incidentId, review == null ? null : review.commander(),
        review == null ? null : review.meetingStart(), review == null ? null : review.meetingEnd(),
        review == null || review.meetingStart() == null ? null : review.sequence(),
        review == null ? null : review.completedAt(), review != null && review.markdown() != null,
        actionItems.ofIncident(incidentId));
  }

  @Operation(summary = "The review document as Markdown (written when every action item is done or dropped)")
  @GetMapping(value = "/api/staff/incidents/{incidentId}/review.md", produces = "text/markdown;charset=UTF-8")
  String markdown(@PathVariable String incidentId) {
    known(incidentId);
    return documents.find(incidentId).orElseThrow(() -> new NoDocumentException(incidentId)).markdown();
  }

  @Operation(summary = "The review document as an HTML page")
  @GetMapping(value = "/api/staff/incidents/{incidentId}/review.html", produces = MediaType.TEXT_HTML_VALUE)
  String html(@PathVariable String incidentId) {
    known(incidentId);
    return documents.find(incidentId).orElseThrow(() -> new NoDocumentException(incidentId)).html();
  }

  private void known(String incidentId) {
    if (incidents.findById(incidentId).isEmpty()) {
      throw new NoDocumentException(incidentId, false);
    }
  }

  @ExceptionHandler(NoDocumentException.class)
  ResponseEntity<ProblemDetail> notFound(NoDocumentException e) {
    return ApiProblems.response(HttpStatus.NOT_FOUND, "not found", List.of(e.known()
        ? "incidentId: the review of '" + e.incidentId() + "' has no document yet (it is written when every action "
            + "item is done or dropped)"
        : "incidentId: no incident '" + e.incidentId() + "'"));
  }

  /** No such incident, or its review document is not written yet. */
  static final class NoDocumentException extends RuntimeException {
    private final String incidentId;
    private final boolean known;

    NoDocumentException(String incidentId) {
      this(incidentId, true);
    }

    NoDocumentException(String incidentId, boolean known) {
      super(incidentId);
      this.incidentId = incidentId;
      this.known = known;
    }

    String incidentId() {
      return incidentId;
    }

    boolean known() {
      return known;
    }
  }
}
