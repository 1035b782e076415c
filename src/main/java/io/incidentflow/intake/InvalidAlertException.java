package io.incidentflow.intake;

import java.util.List;

/** A message monitoring must fix: answered with 4xx and the list of field errors, and nothing stored. */
public class InvalidAlertException extends RuntimeException {

  private final List<String> errors;

  public InvalidAlertException(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public InvalidAlertException(String field, String problem) {
    this(List.of(field + ": " + problem));
  }

  public List<String> errors() {
    return errors;
  }
}
