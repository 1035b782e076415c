package io.incidentflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a clock stands, from its row: the escalation model's gateway routes on the phase, the API shows the state. */
class SlaClockTest {

  static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
  static final Instant WARN = START.plus(Duration.ofMinutes(45));
  static final Instant DUE = START.plus(Duration.ofHours(1));

  private static SlaClock clock(Instant warnedAt, Instant breachedAt, Instant climbAt, Instant climbedAt,
      Instant pausedAt, Instant stoppedAt) {
    return new SlaClock(1, "INC-2026-0001", "resolve", "PT1H", "24x7", "PT1H", START, DUE, WARN, pausedAt,
        Duration.ZERO, warnedAt, breachedAt, climbAt, climbedAt, stoppedAt, true);
  }

  @Test
  void shouldMoveThroughItsPhasesAsTimePassesAndNoticesAreMarked() {
    SlaClock fresh = clock(null, null, null, null, null, null);
    assertThat(fresh.phase(START.plusSeconds(60))).isEqualTo(SlaPhase.BEFORE_WARNING);
    assertThat(fresh.phase(WARN)).isEqualTo(SlaPhase.WARNING_DUE);
    assertThat(clock(WARN, null, null, null, null, null).phase(WARN.plusSeconds(1))).isEqualTo(SlaPhase.WARNED);
    assertThat(clock(WARN, null, null, null, null, null).phase(DUE)).isEqualTo(SlaPhase.BREACH_DUE);
    Instant climbAt = DUE.plus(Duration.ofHours(1));
    assertThat(clock(WARN, DUE, climbAt, null, null, null).phase(DUE.plusSeconds(1))).isEqualTo(SlaPhase.BREACHED);
    assertThat(clock(WARN, DUE, climbAt, null, null, null).phase(climbAt)).isEqualTo(SlaPhase.CLIMB_DUE);
    assertThat(clock(WARN, DUE, climbAt, climbAt, null, null).phase(climbAt)).isEqualTo(SlaPhase.CLIMBED);
  }

  @Test
  void shouldGoStraightToTheBreachWhenTheReminderPointWasMissed() {
    assertThat(clock(null, null, null, null, null, null).phase(DUE.plusSeconds(5))).isEqualTo(SlaPhase.BREACH_DUE);
  }

  @Test
  void shouldHoldWhilePausedAndEndWhenStopped() {
    assertThat(clock(WARN, null, null, null, WARN.plusSeconds(60), null).phase(DUE.plusSeconds(600)))
        .isEqualTo(SlaPhase.PAUSED);
    assertThat(clock(WARN, null, null, null, WARN.plusSeconds(60), DUE).phase(DUE)).isEqualTo(SlaPhase.STOPPED);
  }

  @Test
  void shouldCallAClockStoppedInTimeMetAndOneStoppedLateMissed() {
    assertThat(clock(WARN, null, null, null, null, DUE.minusSeconds(1)).state(DUE)).isEqualTo(SlaClock.State.MET);
    assertThat(clock(WARN, null, null, null, null, DUE.plusSeconds(1)).state(DUE)).isEqualTo(SlaClock.State.MISSED);
    assertThat(clock(null, null, null, null, null, null).state(START)).isEqualTo(SlaClock.State.RUNNING);
    assertThat(clock(WARN, null, null, null, null, null).state(WARN)).isEqualTo(SlaClock.State.WARNED);
    assertThat(clock(WARN, null, null, null, null, null).state(DUE)).isEqualTo(SlaClock.State.BREACHED);
    assertThat(clock(WARN, null, null, null, WARN, null).state(DUE)).isEqualTo(SlaClock.State.PAUSED);
  }
}
