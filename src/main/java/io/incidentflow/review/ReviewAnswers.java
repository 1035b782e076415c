package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.ACTION_ITEMS;

import io.incidentflow.incident.ProcessValues;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads what the review's forms answered, strictly: a value that cannot be a meeting time, an address or an
 * action item is refused with a message naming the field (Tasklist shows it, the task stays open), never
 * guessed at or dropped.
 */
final class ReviewAnswers {

  static final int SHORTEST_MEETING_MINUTES = 15;
  static final int LONGEST_MEETING_MINUTES = 480;
  static final int DEFAULT_MEETING_MINUTES = 60;
  static final int LONGEST_TEXT = 2000;

  private final ReviewProperties properties;

  ReviewAnswers(ReviewProperties properties) {
    this.properties = properties;
  }

  /** The meeting's start: a date-time with an offset, or without one in the review's time zone; in the future. */
  Instant start(Object value, Instant now) {
    Instant start = instant(ReviewProcess.START, value);
    if (!start.isAfter(now)) {
      throw refused(ReviewProcess.START, "must be in the future, was " + value);
    }
    return start;
  }

  Duration duration(Object value) {
    if (value == null || value.toString().isBlank()) {
      return Duration.ofMinutes(DEFAULT_MEETING_MINUTES);
    }
    long minutes;
    try {
      minutes = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw refused(ReviewProcess.DURATION_MINUTES, "must be a number of minutes, was '" + value + "'");
    }
    if (minutes < SHORTEST_MEETING_MINUTES || minutes > LONGEST_MEETING_MINUTES) {
      throw refused(ReviewProcess.DURATION_MINUTES, "must be between " + SHORTEST_MEETING_MINUTES + " and "
          + LONGEST_MEETING_MINUTES + " minutes, was " + minutes);
    }
    return Duration.ofMinutes(minutes);
  }

  /** Addresses separated by commas, semicolons or spaces, each one a valid address. */
  static List<String> addresses(Object value) {
    Set<String> result = new LinkedHashSet<>();
    if (value == null) {
      return List.of();
    }
    for (String part : value.toString().split("[,;\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        InternetAddress address = new InternetAddress(part, true);
        address.validate();
        result.add(address.getAddress());
      } catch (AddressException e) {
        throw refused(ReviewProcess.EXTRA_ATTENDEES, "'" + part + "' is not a mail address");
      }
    }
    return List.copyOf(result);
  }

  /**
   * The review form's action items: rows of {@code description}, {@code owner} and {@code due}, either a JSON
   * list or a JSON object of rows in the order of their names ({@code item1}, {@code item2}, ...: the form's
   * groups; Camunda 7.24's Tasklist cannot complete a form whose dynamic list was edited). Rows left entirely
   * empty are skipped; a row with anything in it must be complete, its due date after {@code now}.
   */
  List<ActionItem.Draft> actionItems(Object value, Instant now) {
    List<ActionItem.Draft> drafts = new ArrayList<>();
    SpinJsonNode rows = json(value);
    if (rows == null) {
      return drafts;
    }
    Map<String, SpinJsonNode> named = new LinkedHashMap<>();
    if (rows.isArray()) {
      int index = 0;
      for (SpinJsonNode row : rows.elements()) {
        named.put(ACTION_ITEMS + "[" + index++ + "]", row);
      }
    } else if (rows.isObject()) {
      rows.fieldNames().stream().sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
          .forEach(name -> named.put(ACTION_ITEMS + "." + name, rows.prop(name)));
    } else {
      throw refused(ACTION_ITEMS, "must be a list of action items");
    }
    for (Map.Entry<String, SpinJsonNode> row : named.entrySet()) {
      String field = row.getKey();
      SpinJsonNode item = row.getValue();
      if (!item.isObject() && !item.isNull()) {
        throw refused(field, "must be an action item: description, owner and due");
      }
      String description = text(item, "description");
      String owner = text(item, "owner");
      String due = text(item, "due");
      if (description.isEmpty() && owner.isEmpty() && due.isEmpty()) {
        continue;
      }
      if (description.isEmpty()) {
        throw refused(field + ".description", "say what is to be done");
      }
      if (description.length() > LONGEST_TEXT) {
        throw refused(field + ".description", "at most " + LONGEST_TEXT + " characters");
      }
      if (owner.isEmpty()) {
        throw refused(field + ".owner", "name the user who owns it");
      }
      if (due.isEmpty()) {
        throw refused(field + ".due", "give a due date");
      }
      Instant dueAt = dueAt(field + ".due", due);
      if (!dueAt.isAfter(now)) {
        throw refused(field + ".due", "must be in the future, was " + due);
      }
      drafts.add(new ActionItem.Draft(description, owner, dueAt, field));
    }
    return drafts;
  }

  /** A date is due at the configured time of that day; a date-time as given. */
  private Instant dueAt(String field, String value) {
    try {
      return LocalDate.parse(value).atTime(properties.dueTime()).atZone(properties.timeZone()).toInstant();
    } catch (DateTimeParseException notADate) {
      return instant(field, value);
    }
  }

  private Instant instant(String field, Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value == null || value.toString().isBlank()) {
      throw refused(field, "is required");
    }
    String text = value.toString().strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(properties.timeZone()).toInstant();
      } catch (DateTimeParseException e) {
        throw refused(field, "must be a date and time such as 2026-12-03T14:00+01:00, was '" + text + "'");
      }
    }
  }

  private static SpinJsonNode json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof SpinJsonNode node) {
      return node;
    }
    String text = value.toString().strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Spin.JSON(text);
    } catch (RuntimeException e) {
      throw refused(ACTION_ITEMS, "must be a list of action items (JSON)");
    }
  }

  private static String text(SpinJsonNode item, String name) {
    if (!item.isObject() || !item.hasProp(name) || item.prop(name).isNull()) {
      return "";
    }
    SpinJsonNode value = item.prop(name);
    return (value.isString() ? value.stringValue() : value.toString()).strip();
  }

  static BadUserRequestException refused(String field, String message) {
    return new BadUserRequestException(field + ": " + message);
  }

  /** The attendees the tag list chose: user ids. */
  static List<String> userIds(Object value) {
    return ProcessValues.strings(value).stream().map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
  }
}
