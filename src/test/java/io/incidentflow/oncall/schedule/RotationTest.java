package io.incidentflow.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationTest {

  @Test
  void shouldReadDailyWeeklyAndWholeDaysAsWallClockDays() {
    assertThat(Rotation.parse("daily")).contains(Rotation.DAILY);
    assertThat(Rotation.parse("Weekly")).contains(Rotation.WEEKLY);
    assertThat(Rotation.parse("P2W")).contains(new Rotation(14, null));
    assertThat(Rotation.parse("P3D")).contains(new Rotation(3, null));
  }

  @Test
  void shouldReadOtherLengthsAsExactDurations() {
    assertThat(Rotation.parse("PT12H")).contains(new Rotation(0, Duration.ofHours(12)));
    assertThat(Rotation.parse("P1DT12H")).contains(new Rotation(0, Duration.ofHours(36)));
  }

  @Test
  void shouldRefuseMonthsTurnsShorterThanAnHourAndNonsense() {
    assertThat(Rotation.parse("P1M")).isEmpty();
    assertThat(Rotation.parse("PT30M")).isEmpty();
    assertThat(Rotation.parse("fortnightly")).isEmpty();
    assertThat(Rotation.parse(null)).isEmpty();
  }

  @Test
  void shouldWriteWhatItReads() {
    for (String text : new String[] {"daily", "weekly", "P14D", "PT12H"}) {
      assertThat(Rotation.parse(text).orElseThrow()).hasToString(text);
    }
  }
}
