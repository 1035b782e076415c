package io.incidentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A newcomer finds a feature by the README's package table: it names every package of the tree, and no other. */
class ReadmePackagesTest {

  static final Path ROOT = Path.of("src/main/java/io/incidentflow");
  static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|");

  @Test
  void shouldNameEveryPackageOfTheTreeInTheReadme() throws IOException {
    Set<String> documented = new TreeSet<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("| package | what it does |")) {
        inTable = true;
      } else if (inTable && line.isBlank()) {
        break;
      } else if (inTable) {
        Matcher row = ROW.matcher(line);
        if (row.find()) {
          documented.add(row.group(1));
        }
      }
    }

    assertThat(documented).containsExactlyElementsOf(packagesWithClasses());
  }

  private static Set<String> packagesWithClasses() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
      for (Path source : sources) {
        Path folder = ROOT.relativize(source.getParent());
        if (!folder.toString().isEmpty()) {
          packages.add(folder.toString().replace('/', '.'));
        }
      }
    }
    return packages;
  }
}
