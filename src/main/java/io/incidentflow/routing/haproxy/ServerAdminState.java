package io.incidentflow.routing.haproxy;

import java.util.Locale;

/** The administrative states {@code set server <backend>/<server> state ...} can force. */
public enum ServerAdminState {
  /** Normal load balancing. */
  READY,
  /** No new load-balanced traffic; health checks and persistent sessions continue. */
  DRAIN,
  /** No traffic and no health checks at all. */
  MAINT;

  /** The word the Runtime API expects: {@code ready}, {@code drain} or {@code maint}. */
  public String command() {
    return name().toLowerCase(Locale.ROOT);
  }
}
