package io.incidentflow.incident;

/** A report that cannot open an incident; the message names the field and what is wrong with it. */
public class InvalidIncidentException extends IllegalArgumentException {

  private final String field;

  public InvalidIncidentException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
