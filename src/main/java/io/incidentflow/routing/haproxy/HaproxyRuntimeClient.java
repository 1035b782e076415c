package io.incidentflow.routing.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client for HAProxy's Runtime API ({@code stats socket ... level admin}) over a unix socket or TCP.
 *
 * <p>Each command gets its own connection: HAProxy answers a single command line and then closes the
 * connection (non-interactive mode), so the reply is everything read until EOF. Thread-safe: the client
 * holds no connection.
 *
 * <p>The Runtime API chains commands separated by {@code ;} or newlines, so {@link #execute} refuses those
 * and other control characters, and the typed methods accept only plain backend and server names.
 */
public class HaproxyRuntimeClient {

  /** The characters HAProxy allows in proxy and server names. */
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.:-]+$");

  private final HaproxyAddress address;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * @param connectTimeout longest wait for the connection
   * @param readTimeout longest wait for the next bytes of a reply (like SO_TIMEOUT; also for unix sockets)
   */
  public HaproxyRuntimeClient(HaproxyAddress address, Duration connectTimeout, Duration readTimeout) {
    this.address = Objects.requireNonNull(address, "address");
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.readTimeout = positive(readTimeout, "readTimeout");
  }

  public HaproxyAddress address() {
    return address;
  }

  /**
   * Sends one command and returns HAProxy's whole reply as is (often with a trailing empty line).
   *
   * @throws IllegalArgumentException before connecting, if the command is empty or contains {@code ;} or a
   *     control character (which would chain further commands)
   * @throws HaproxyUnavailableException if the connection fails or the reply does not come in time
   */
  public String execute(String command) {
    requireSingleCommand(command);
    byte[] request = (command + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      byte[] reply = address.isUnix() ? exchangeOverUnixSocket(request) : exchangeOverTcp(request);
      return new String(reply, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HaproxyUnavailableException(
          "HAProxy Runtime API at " + address + " is unavailable: " + describe(e), e);
    }
  }

  /**
   * {@code set server <backend>/<server> state ready|drain|maint}. HAProxy answers nothing on success.
   *
   * @throws HaproxyCommandException with HAProxy's message, e.g. {@code No such server.}
   */
  public void setServerState(String backend, String server, ServerAdminState state) {
    Objects.requireNonNull(state, "state");
    String command = "set server " + name("backend", backend) + "/" + name("server", server) + " state " + state.command();
    String reply = execute(command);
    if (!reply.isBlank()) {
      throw new HaproxyCommandException(command, reply);
    }
  }

  /**
   * {@code show servers state <backend>}, parsed.
   *
   * @throws HaproxyCommandException if HAProxy answers with a message instead, e.g. {@code Can't find backend.}
   */
  public List<ServerState> showServersState(String backend) {
    String command = "show servers state " + name("backend", backend);
    String reply = execute(command);
    try {
      return ServerState.parseAll(reply);
    } catch (IllegalArgumentException notADump) {
      throw new HaproxyCommandException(command, reply);
    }
  }

  /** {@code show stat}, parsed; server rows only (see {@link StatRow}). */
  public List<StatRow> showStat() {
    String command = "show stat";
    String reply = execute(command);
    try {
      return StatRow.parseAll(reply);
    } catch (IllegalArgumentException notACsv) {
      throw new HaproxyCommandException(command, reply);
    }
  }

  private byte[] exchangeOverTcp(byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.host(), address.port()), millis(connectTimeout));
      socket.setSoTimeout(millis(readTimeout));
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      // No shutdownOutput(): HAProxy closes after answering, and a half-close could abort the command.
      InputStream in = socket.getInputStream();
      return in.readAllBytes();
    }
  }

  /**
   * Unix domain socket channels have no SO_TIMEOUT and blocking reads ignore interrupts-as-timeouts, so the
   * channel is non-blocking and every wait goes through a Selector with a deadline.
   */
  private byte[] exchangeOverUnixSocket(byte[] request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, 0);
      if (!channel.connect(UnixDomainSocketAddress.of(address.unixSocket()))) {
        do {
          await(selector, key, SelectionKey.OP_CONNECT, connectTimeout, "connection");
        } while (!channel.finishConnect());
      }
      ByteBuffer out = ByteBuffer.wrap(request);
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) {
          await(selector, key, SelectionKey.OP_WRITE, readTimeout, "room to send the command");
        }
      }
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      ByteBuffer in = ByteBuffer.allocate(16 * 1024);
      while (true) {
        int read = channel.read(in);
        if (read < 0) {
          return reply.toByteArray();
        }
        if (read == 0) {
          await(selector, key, SelectionKey.OP_READ, readTimeout, "reply");
        } else {
          reply.write(in.array(), 0, in.position());
          in.clear();
        }
      }
    }
  }

  private static void await(Selector selector, SelectionKey key, int ops, Duration timeout, String what)
      throws IOException {
    key.interestOps(ops);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while waiting for the " + what);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("no " + what + " within " + timeout.toMillis() + " ms");
      }
      // select() may also return early without the key being ready (wakeup, interrupt): loop until the deadline.
      int ready = selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
      selector.selectedKeys().clear();
      if (ready > 0 && (key.readyOps() & ops) != 0) {
        return;
      }
    }
  }

  private static void requireSingleCommand(String command) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("Empty HAProxy command");
    }
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == ';' || Character.isISOControl(c)) {
        throw new IllegalArgumentException("Refusing HAProxy command with "
            + (c == ';' ? "';'" : String.format("control character U+%04X", (int) c))
            + " at index " + i + " (it would chain commands): " + printable(command));
      }
    }
  }

  private static String name(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid HAProxy " + what + " name "
          + (value == null ? "null" : "'" + printable(value) + "'")
          + ": only letters, digits, '_', '.', ':' and '-' are allowed");
    }
    return value;
  }

  /** Shows control characters as escapes, so that a refused value does not break the log line it ends up in. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> {
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  private static int millis(Duration value) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value.toMillis()));
  }
}
