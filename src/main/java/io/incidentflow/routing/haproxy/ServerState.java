package io.incidentflow.routing.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One server of {@code show servers state <backend>}. The reply is a version line ({@code 1} on HAProxy
 * 2.6), a header line ({@code # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...})
 * and one space-separated row per server. Columns are looked up by their header names, so columns added
 * by later HAProxy versions do not shift anything.
 *
 * @param backendName {@code be_name}
 * @param serverName {@code srv_name}
 * @param address {@code srv_addr}, the IP address HAProxy connects to
 * @param port {@code srv_port}, or 0 if the reply has no such column
 * @param operationalState {@code srv_op_state}: 0 stopped, 1 starting, 2 running, 3 stopping
 * @param adminStateBits {@code srv_admin_state}, a bit field of the {@code ADMF_*} constants
 * @param userWeight {@code srv_uweight}, the weight set by configuration or {@code set weight}
 */
public record ServerState(
    String backendName,
    String serverName,
    String address,
    int port,
    int operationalState,
    int adminStateBits,
    int userWeight) {

  /** {@code srv_op_state} values (HAProxy's SRV_ST_*). */
  public static final int OP_STOPPED = 0;
  public static final int OP_STARTING = 1;
  public static final int OP_RUNNING = 2;
  public static final int OP_STOPPING = 3;

  /** Forced into maintenance ({@code set server ... state maint}, or {@code disabled} in the configuration). */
  public static final int ADMF_FMAINT = 0x01;
  /** Maintenance inherited from a tracked server ({@code track}). */
  public static final int ADMF_IMAINT = 0x02;
  /**
   * Declared {@code disabled} in the configuration. Always comes with {@link #ADMF_FMAINT} while the server is
   * in maintenance, and STAYS set after {@code state ready} although the server is then up and serving
   * (recorded: {@code show-servers-state-zoo-maint.txt}, server "parked"). So it is not a maintenance bit.
   */
  public static final int ADMF_CMAINT = 0x04;
  /** Forced into drain ({@code set server ... state drain}). */
  public static final int ADMF_FDRAIN = 0x08;
  /** Drain inherited from a tracked server. */
  public static final int ADMF_IDRAIN = 0x10;
  /** Down because its address could not be resolved. */
  public static final int ADMF_RMAINT = 0x20;
  /** Management doc: "The server FQDN was set from stats socket" - a marker, not a maintenance state. */
  public static final int ADMF_HMAINT = 0x40;

  /** HAProxy's own SRV_ADMF_MAINT mask (FMAINT | IMAINT | RMAINT): the bits that keep a server out of service. */
  public static final int MAINT_MASK = ADMF_FMAINT | ADMF_IMAINT | ADMF_RMAINT;
  /** HAProxy's SRV_ADMF_DRAIN mask (FDRAIN | IDRAIN). */
  public static final int DRAIN_MASK = ADMF_FDRAIN | ADMF_IDRAIN;

  /**
   * In maintenance by any cause HAProxy itself counts (its SRV_ADMF_MAINT mask): forced, inherited from a
   * tracked server, or a resolution failure. {@link #ADMF_CMAINT} and {@link #ADMF_HMAINT} alone do not count:
   * a server with only those bits is in service (see their descriptions).
   */
  public boolean inMaintenance() {
    return (adminStateBits & MAINT_MASK) != 0;
  }

  /** Draining, forced or inherited. May be true together with {@link #inMaintenance()}; maintenance prevails. */
  public boolean draining() {
    return (adminStateBits & DRAIN_MASK) != 0;
  }

  /**
   * The state {@code set server ... state} last forced: MAINT if {@link #ADMF_FMAINT}, else DRAIN if
   * {@link #ADMF_FDRAIN}, else READY. Inherited states are not included; see {@link #inMaintenance()} and
   * {@link #draining()} for those.
   */
  public ServerAdminState adminState() {
    if ((adminStateBits & ADMF_FMAINT) != 0) {
      return ServerAdminState.MAINT;
    }
    if ((adminStateBits & ADMF_FDRAIN) != 0) {
      return ServerAdminState.DRAIN;
    }
    return ServerAdminState.READY;
  }

  /** Fully up ({@code srv_op_state} 2). A draining server is still running: it passes its checks. */
  public boolean running() {
    return operationalState == OP_RUNNING;
  }

  /**
   * Parses a whole {@code show servers state} reply.
   *
   * @throws IllegalArgumentException if the text is not such a dump (for example HAProxy's
   *     {@code Can't find backend.}) or lacks a required column
   */
  public static List<ServerState> parseAll(String reply) {
    if (reply == null) {
      throw new IllegalArgumentException("Not a 'show servers state' reply: null");
    }
    List<String> lines = reply.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    if (lines.isEmpty() || !lines.get(0).matches("[0-9]+")) {
      throw new IllegalArgumentException("Not a 'show servers state' reply (no format version line): " + reply.strip());
    }
    if (lines.size() < 2 || !lines.get(1).startsWith("#")) {
      throw new IllegalArgumentException("Not a 'show servers state' reply (no header line): " + reply.strip());
    }
    List<String> header = Arrays.asList(lines.get(1).substring(1).strip().split("\\s+"));
    int backend = column(header, "be_name");
    int server = column(header, "srv_name");
    int address = column(header, "srv_addr");
    int opState = column(header, "srv_op_state");
    int adminState = column(header, "srv_admin_state");
    int weight = column(header, "srv_uweight");
    int port = header.indexOf("srv_port");

    List<ServerState> servers = new ArrayList<>();
    // Further '#' lines are comments by the format's definition.
    for (String line : lines.subList(2, lines.size())) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length < header.size()) {
        throw new IllegalArgumentException(
            "'show servers state' row has " + fields.length + " fields, header has " + header.size() + ": " + line);
      }
      servers.add(new ServerState(
          fields[backend],
          fields[server],
          fields[address],
          port < 0 ? 0 : integer(fields[port], "srv_port", line),
          integer(fields[opState], "srv_op_state", line),
          integer(fields[adminState], "srv_admin_state", line),
          integer(fields[weight], "srv_uweight", line)));
    }
    return List.copyOf(servers);
  }

  private static int column(List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("'show servers state' header has no column " + name + ": " + header);
    }
    return index;
  }

  private static int integer(String value, String column, String line) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'show servers state' " + column + " is not a number in: " + line, e);
    }
  }
}
