package io.incidentflow.oncall;

public class NobodyOnCallException extends IllegalStateException {
  public NobodyOnCallException(String group) {
    super("Nobody to page: the group '" + group + "' has no member with an email address (add one in Camunda Admin)");
  }
}
