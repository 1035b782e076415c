package io.incidentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A main class that outgrows a screenful or three does more than one thing: split it by what it does. */
class SourceSizeTest {

  static final int MAX_LINES = 300;

  @Test
  void shouldKeepEveryMainSourceFileUnderThreeHundredLines() throws IOException {
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      tooLong = files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> lines(file) > MAX_LINES)
          .map(file -> file + ": " + lines(file) + " lines")
          .toList();
    }
    assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
