package io.incidentflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void writesTablesWithAlignedColumnsAndRootLocaleNumbers() {
    Locale locale = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      MarkdownReport report = new MarkdownReport().table("lrc", "Phase", "ms", "Met").row("%s | %.2f | %s", "a", 1.5,
          "yes");

      assertThat(report.toString()).isEqualTo("""
          | Phase | ms | Met |
          |---|---:|:---:|
          | a | 1.50 | yes |
          """);
    } finally {
      Locale.setDefault(locale);
    }
  }

  @Test
  void refusesAlignmentsThatDoNotMatchTheColumns() {
    assertThatThrownBy(() -> new MarkdownReport().table("lr", "Phase")).isInstanceOf(IllegalArgumentException.class);
  }
}
