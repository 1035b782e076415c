package io.incidentflow.routing.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Replies recorded from a real HAProxy 2.6 by {@code src/test/resources/haproxy/record-replies.sh}. */
final class RecordedReplies {

  private RecordedReplies() {}

  static String read(String name) {
    try (InputStream in = RecordedReplies.class.getResourceAsStream("/haproxy/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No recorded reply /haproxy/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
