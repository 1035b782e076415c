package io.incidentflow.routing.haproxy;

/** HAProxy answered a command with an error message (for example {@code No such server.}) instead of doing it. */
public class HaproxyCommandException extends RuntimeException {

  private final String command;
  private final String reply;

  public HaproxyCommandException(String command, String reply) {
    super("HAProxy rejected '" + command + "': " + (reply == null || reply.isBlank() ? "(empty reply)" : reply.strip()));
    this.command = command;
    this.reply = reply == null ? "" : reply.strip();
  }

  /** The command as sent, without the trailing newline. */
  public String getCommand() {
    return command;
  }

  /** HAProxy's reply, stripped of surrounding blank lines, e.g. {@code No such server.}. */
  public String getReply() {
    return reply;
  }
}
