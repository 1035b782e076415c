package io.incidentflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A benchmark's report in Markdown: prose, tables, and where it goes (stdout and {@code target/bench/NAME.md}).
 * Numbers are formatted in {@link Locale#ROOT}, so that a report reads the same whatever the machine's locale.
 */
public final class MarkdownReport {

  private final StringBuilder text = new StringBuilder();

  public MarkdownReport append(Object text) {
    this.text.append(text);
    return this;
  }

  public MarkdownReport format(String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args));
    return this;
  }

  /**
   * A table's header row and alignment row. {@code alignments} has one letter per column: {@code l}eft,
   * {@code r}ight (numbers), {@code c}entre.
   */
  public MarkdownReport table(String alignments, String... columns) {
    if (alignments.length() != columns.length) {
      throw new IllegalArgumentException(columns.length + " columns, " + alignments.length() + " alignments");
    }
    text.append("| ").append(String.join(" | ", columns)).append(" |\n|");
    for (char alignment : alignments.toCharArray()) {
      text.append(switch (alignment) {
        case 'l' -> "---|";
        case 'r' -> "---:|";
        case 'c' -> ":---:|";
        default -> throw new IllegalArgumentException("alignment " + alignment + ": l, r or c");
      });
    }
    text.append('\n');
    return this;
  }

  /** One table row: {@code cells} formats what stands between the outer pipes, e.g. {@code "%s | %.2f"}. */
  public MarkdownReport row(String cells, Object... args) {
    return format("| " + cells + " |%n", args);
  }

  /** Prints the report and writes it to {@code target/bench/NAME.md} of the Maven project that runs it. */
  public Path publish(String name) throws IOException {
    System.out.println();
    System.out.println(text);
    Path file = Path.of(System.getProperty("basedir", "."), "target", "bench", name + ".md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    System.out.println("Written to " + file.toAbsolutePath().normalize());
    return file;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
