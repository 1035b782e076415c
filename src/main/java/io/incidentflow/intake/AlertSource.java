package io.incidentflow.intake;

/** Where an alert came from; also the prefix of its dedup key, so that sources never share a key. */
public enum AlertSource {
  ALERTMANAGER("alertmanager"),
  PAGERDUTY("pagerduty"),
  GENERIC("api");

  private final String prefix;

  AlertSource(String prefix) {
    this.prefix = prefix;
  }

  public String scopedKey(String key) {
    return prefix + ":" + key;
  }

  /** Who reported the incident, as the process's {@code reporter} variable shows it. */
  public String reporter() {
    return prefix;
  }
}
