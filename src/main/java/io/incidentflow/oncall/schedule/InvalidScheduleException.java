package io.incidentflow.oncall.schedule;

import java.util.List;

/** What is wrong with a schedule or an override, field by field ({@code layers[0].users: must not be empty}). */
public class InvalidScheduleException extends IllegalArgumentException {

  private final List<String> errors;

  InvalidScheduleException(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
