package io.incidentflow.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns alert texts into incident texts: one-line titles, bounded descriptions, a readable alert list. */
final class AlertText {

  static final int MAX_TITLE = 200;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private AlertText() {}

  /** A summary may hold line breaks and be 1024 characters long; a title is one line of 200 at most. */
  static String title(String summary) {
    String oneLine = summary == null ? "" : CONTROL.matcher(summary).replaceAll(" ").strip();
    if (oneLine.isEmpty()) {
      oneLine = "Alert from monitoring";
    }
    return oneLine.length() <= MAX_TITLE ? oneLine : oneLine.substring(0, MAX_TITLE - 1) + "…";
  }

  static String limit(String text, int max) {
    if (text == null) {
      return null;
    }
    String clean = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ");
    return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
  }

  /** The incident's alert list as Tasklist and Cockpit show it: one line per dedup key. */
  static String digest(List<AlertRepository.KeyActivity> keys) {
    return keys.stream()
        .map(key -> digestLine(key.dedupKey(), key.summary(), key.resolved(), key.count(), key.lastSeenAt()))
        .collect(Collectors.joining("\n"));
  }

  static String digestLine(String dedupKey, String summary, boolean resolved, long count, Instant lastSeen) {
    return "[" + (resolved ? "resolved" : "firing") + "] " + title(summary) + " (" + dedupKey + ", " + count
        + (count == 1 ? " alert" : " alerts") + ", last " + (lastSeen == null ? "-" : TIME.format(lastSeen)) + ")";
  }
}
