package io.incidentflow.review;

import io.incidentflow.review.ActionItem.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code action_item} (V15): the rows stay after the review, for the reports. */
@Repository
public class ActionItemRepository {

  private final JdbcClient jdbc;

  public ActionItemRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the item at its position unless one is there already (a retried job); @return whether it was added */
  boolean insertIfAbsent(String incidentId, int position, ActionItem.Draft draft, Instant now) {
    if (jdbc.sql("SELECT COUNT(*) FROM action_item WHERE incident_id = :incident AND position = :position")
        .param("incident", incidentId).param("position", position).query(Long.class).single() > 0) {
      return false;
    }
    jdbc.sql("""
            INSERT INTO action_item (incident_id, position, description, owner, due_at, created_at, status)
            VALUES (:incident, :position, :description, :owner, :dueAt, :now, 'open')""")
        .param("incident", incidentId).param("position", position).param("description", draft.description())
        .param("owner", draft.owner()).param("dueAt", ts(draft.dueAt())).param("now", ts(now))
        .update();
    return true;
  }

  public List<ActionItem> ofIncident(String incidentId) {
    return jdbc.sql("SELECT * FROM action_item WHERE incident_id = :incident ORDER BY position")
        .param("incident", incidentId).query(ActionItemRepository::map).list();
  }

  public Optional<ActionItem> find(long id) {
    return jdbc.sql("SELECT * FROM action_item WHERE id = :id").param("id", id).query(ActionItemRepository::map)
        .optional();
  }

  /** Closes an open item; @return false when it was closed already */
  boolean close(long id, Status status, String note, String by, Instant at) {
    return jdbc.sql("""
            UPDATE action_item SET status = :status, note = :note, closed_by = :by, closed_at = :at
            WHERE id = :id AND status = 'open'""")
        .param("status", status.column()).param("note", note).param("by", by).param("at", ts(at)).param("id", id)
        .update() == 1;
  }

  /** Marks a reminder (before due) or the overdue notice as sent; @return false when it was sent already */
  boolean markReminded(long id, Instant at) {
    return jdbc.sql("UPDATE action_item SET reminded_at = :at WHERE id = :id AND reminded_at IS NULL")
        .param("at", ts(at)).param("id", id).update() == 1;
  }

  boolean markOverdue(long id, Instant at) {
    return jdbc.sql("UPDATE action_item SET overdue_at = :at WHERE id = :id AND overdue_at IS NULL")
        .param("at", ts(at)).param("id", id).update() == 1;
  }

  private static ActionItem map(ResultSet rs, int row) throws SQLException {
    return new ActionItem(rs.getLong("id"), rs.getString("incident_id"), rs.getInt("position"),
        rs.getString("description"), rs.getString("owner"), instant(rs, "due_at"), instant(rs, "created_at"),
        Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("note"),
        rs.getString("closed_by"), instant(rs, "closed_at"));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
