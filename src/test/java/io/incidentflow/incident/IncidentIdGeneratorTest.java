package io.incidentflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentIdGeneratorTest {

  @Test
  void shouldFormatIdsWithYearAndAtLeastFourDigits() {
    assertThat(IncidentIdGenerator.format(2026, 42)).isEqualTo("INC-2026-0042");
    assertThat(IncidentIdGenerator.format(2027, 123456)).isEqualTo("INC-2027-123456");
  }
}
