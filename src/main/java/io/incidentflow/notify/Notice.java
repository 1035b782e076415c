package io.incidentflow.notify;

import java.util.Arrays;

/** The notices an affected customer receives during an incident; the BPMN names them in each notify task. */
public enum Notice {
  CONFIRMED("confirmed", "customer-incident-confirmed", "Service disruption", "Investigating"),
  UPDATE("update", "customer-status-update", "Update on the service disruption", "Investigating"),
  WORKAROUND("workaround", "customer-workaround", "Workaround available", "Workaround available"),
  RESOLVED("resolved", "customer-resolved", "Resolved", "Resolved");

  private final String key;
  private final String template;
  private final String subjectPrefix;
  private final String status;

  Notice(String key, String template, String subjectPrefix, String status) {
    this.key = key;
    this.template = template;
    this.subjectPrefix = subjectPrefix;
    this.status = status;
  }

  public String key() {
    return key;
  }

  public String template() {
    return template;
  }

  public String subjectPrefix() {
    return subjectPrefix;
  }

  /** What the customer is told about the incident's state. */
  public String status() {
    return status;
  }

  public static Notice fromKey(String key) {
    return Arrays.stream(values())
        .filter(notice -> notice.key.equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown notice '" + key + "': use one of "
            + Arrays.stream(values()).map(Notice::key).toList()));
  }
}
