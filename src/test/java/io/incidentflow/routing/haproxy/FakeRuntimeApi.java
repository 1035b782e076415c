package io.incidentflow.routing.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for HAProxy's unix stats socket that answers each connection's single command line like HAProxy
 * does (reply, then close), so the client's wire handling is tested without a haproxy binary. A {@code null}
 * reply means: never answer and keep the connection open, to test the read timeout.
 */
final class FakeRuntimeApi implements AutoCloseable {

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

  FakeRuntimeApi(Path dir, Function<String, String> replies) throws IOException {
    this.socket = dir.resolve("fake.sock");
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.acceptor = new Thread(() -> serve(replies), "fake-haproxy-runtime-api");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  HaproxyAddress address() {
    return HaproxyAddress.unix(socket);
  }

  /** Received command lines, without their newline. */
  List<String> received() {
    return received;
  }

  private void serve(Function<String, String> replies) {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        open.add(connection);
        String command = readLine(connection);
        received.add(command);
        String reply = replies.apply(command);
        if (reply != null) {
          connection.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
          connection.close();
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static String readLine(SocketChannel connection) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (connection.read(one) > 0) {
      byte b = one.get(0);
      one.clear();
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel connection : open) {
      connection.close();
    }
    Files.deleteIfExists(socket);
  }
}
