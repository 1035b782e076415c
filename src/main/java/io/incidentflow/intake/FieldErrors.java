package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects what is wrong with a message, field by field ({@code alerts[2].labels.service: ...}). */
final class FieldErrors {

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private final List<String> errors = new ArrayList<>();

  void add(String field, String problem) {
    errors.add(field + ": " + problem);
  }

  int count() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<String> list() {
    return List.copyOf(errors);
  }

  /** A required text field: present, a string, not blank, at most {@code max} characters. */
  String requiredText(JsonNode parent, String name, String path, int max) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      add(path, "is required");
      return null;
    }
    return text(node, path, max);
  }

  /**
   * An optional text field: absent, null and blank all mean "not given". Real senders fill optional fields
   * with empty strings (Alertmanager's {@code "generatorURL": ""} for alerts posted without one): refusing them
   * would make the sender drop the alert for good.
   */
  String optionalText(JsonNode parent, String name, String path, int max) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
      return null;
    }
    return text(node, path, max);
  }

  /**
   * Optional text for people to read (a summary, a description): longer than {@code max}, it is cut, marked
   * with an ellipsis, rather than refused. A Prometheus annotation can run long; the alert must not be lost.
   */
  String optionalProse(JsonNode parent, String name, String path, int max) {
    JsonNode node = parent.get(name);
    if (node != null && node.isTextual() && node.textValue().length() > max) {
      return node.textValue().substring(0, max - 1) + "…";
    }
    return optionalText(parent, name, path, max);
  }

  /**
   * An optional link (a source's {@code generatorURL}): longer than {@code max}, it is left out, since a cut link
   * leads nowhere; Prometheus links carry whole queries and can be very long.
   */
  String optionalLink(JsonNode parent, String name, String path, int max) {
    JsonNode node = parent.get(name);
    if (node != null && node.isTextual() && node.textValue().length() > max) {
      return null;
    }
    return optionalText(parent, name, path, max);
  }

  private String text(JsonNode node, String path, int max) {
    if (!node.isTextual()) {
      add(path, "must be a string");
      return null;
    }
    String value = node.textValue();
    if (value.isBlank()) {
      add(path, "must not be blank");
      return null;
    }
    if (value.length() > max) {
      add(path, "is longer than " + max + " characters");
      return null;
    }
    return value;
  }

  /** Label values identify things and end up in headers and keys: no line breaks or other control characters. */
  String label(JsonNode labels, String name, String path, int max) {
    String value = optionalText(labels, name, path, max);
    if (value != null && CONTROL.matcher(value).find()) {
      add(path, "must not contain line breaks or other control characters");
      return null;
    }
    return value;
  }

  /** Checks every value of a string map (Alertmanager labels): strings without control characters. */
  void labelValues(JsonNode labels, String path) {
    labels.fields().forEachRemaining(entry -> {
      String field = path + "." + entry.getKey();
      if (!entry.getValue().isTextual()) {
        add(field, "must be a string");
      } else if (CONTROL.matcher(entry.getValue().textValue()).find()) {
        add(field, "must not contain line breaks or other control characters");
      }
    });
  }
}
