package io.incidentflow.oncall;

import java.time.Instant;

/**
 * One attempt to page someone.
 *
 * @param userId null when the target named nobody
 * @param channel null when no channel was tried
 */
public record PageAttempt(String incidentId, int round, int level, String target, String userId, String channel,
    Outcome outcome, String detail, Instant at) {

  public enum Outcome {
    /** The channel took the page. */
    PAGED,
    /** The channel could not take it; the next one is tried. */
    CHANNEL_FAILED,
    /** Nobody to page for the target, or no channel reached the person. */
    NOT_REACHED
  }

  /** One line of the page log shown on the process instance. */
  public String logLine() {
    String who = userId == null ? target : userId;
    return at + " round " + round + " level " + level + ": " + who + (channel == null ? "" : " by " + channel) + " "
        + outcome.name().toLowerCase().replace('_', ' ') + (detail == null ? "" : " (" + detail + ")");
  }
}
