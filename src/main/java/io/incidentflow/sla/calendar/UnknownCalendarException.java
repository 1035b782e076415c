package io.incidentflow.sla.calendar;

import java.util.Set;

/** A business calendar was asked for by a name that none has. */
public class UnknownCalendarException extends RuntimeException {

  private final String name;

  public UnknownCalendarException(String name, Set<String> known) {
    super("No business calendar is named '" + name + "'; known: " + String.join(", ", known));
    this.name = name;
  }

  public String name() {
    return name;
  }
}
