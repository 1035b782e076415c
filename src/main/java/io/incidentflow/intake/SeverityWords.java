package io.incidentflow.intake;

import java.util.Locale;
import java.util.Map;

/** Maps the severity words monitoring uses to the severity decision's inputs. */
final class SeverityWords {

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("critical", "critical"), Map.entry("page", "critical"), Map.entry("fatal", "critical"),
      Map.entry("error", "error"), Map.entry("major", "error"), Map.entry("high", "error"),
      Map.entry("warning", "warning"), Map.entry("warn", "warning"), Map.entry("minor", "warning"),
      Map.entry("medium", "warning"),
      Map.entry("info", "info"), Map.entry("informational", "info"), Map.entry("low", "info"),
      Map.entry("none", "info"));

  private SeverityWords() {}

  /** critical, error, warning, info; null for a word the decision does not know (it then goes by tier). */
  static String normalise(String word) {
    return word == null ? null : WORDS.get(word.strip().toLowerCase(Locale.ROOT));
  }
}
