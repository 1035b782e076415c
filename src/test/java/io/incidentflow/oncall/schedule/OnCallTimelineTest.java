package io.incidentflow.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who is on call when: handoffs, layers, overrides and both DST changes, without Spring. */
class OnCallTimelineTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Layer layer(String name, String start, String handoff, Rotation rotation, String... users) {
    return new Layer(name, LocalDate.parse(start), null, LocalTime.parse(handoff), rotation, List.of(users));
  }

  static Schedule schedule(ZoneId zone, Layer... layers) {
    return new Schedule("s", "Support", zone, List.of(layers));
  }

  static Optional<String> at(Schedule schedule, String instant, ScheduleOverride... overrides) {
    return OnCallTimeline.onCall(schedule, List.of(overrides), Instant.parse(instant));
  }

  static ScheduleOverride override(long id, String user, String from, String to) {
    return new ScheduleOverride(id, "s", user, Instant.parse(from), Instant.parse(to), null);
  }

  @Nested
  class Handoffs {

    // Daily 09:00 Berlin from Monday 2026-01-05 (CET, UTC+1): the handoff is at 08:00Z.
    final Schedule daily = schedule(BERLIN, layer("day", "2026-01-05", "09:00", Rotation.DAILY, "ann", "bob", "cy"));

    @Test
    void shouldKeepTheOutgoingUserUntilJustBeforeTheHandoff() {
      assertThat(at(daily, "2026-01-06T07:59:59Z")).contains("ann");
    }

    @Test
    void shouldHandOverToTheNextUserAtTheHandoff() {
      assertThat(at(daily, "2026-01-06T08:00:00Z")).contains("bob");
      assertThat(at(daily, "2026-01-07T08:00:00Z")).contains("cy");
    }

    @Test
    void shouldStartOverWithTheFirstUserAfterTheLast() {
      assertThat(at(daily, "2026-01-08T08:00:00Z")).contains("ann");
      assertThat(at(daily, "2026-04-01T12:00:00Z")).as("86 days after the start: 86 mod 3 = 2").contains("cy");
    }

    @Test
    void shouldNameNobodyBeforeTheLayerStarts() {
      assertThat(at(daily, "2026-01-05T07:59:59Z")).isEmpty();
    }

    @Test
    void shouldNameNobodyFromTheLayersEndOn() {
      Schedule ending = schedule(BERLIN, new Layer("day", LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-10"),
          LocalTime.of(9, 0), Rotation.DAILY, List.of("ann", "bob")));

      assertThat(at(ending, "2026-01-10T07:59:59Z")).contains("ann");
      assertThat(at(ending, "2026-01-10T08:00:00Z")).isEmpty();
    }

    @Test
    void shouldHandOverAfterAnExactCustomLength() {
      Schedule twelveHours = schedule(BERLIN,
          layer("half", "2026-01-05", "09:00", Rotation.parse("PT12H").orElseThrow(), "ann", "bob"));

      assertThat(at(twelveHours, "2026-01-05T19:59:59Z")).contains("ann");
      assertThat(at(twelveHours, "2026-01-05T20:00:00Z")).contains("bob");
      assertThat(at(twelveHours, "2026-01-06T08:00:00Z")).contains("ann");
    }

    @Test
    void shouldHandOverEveryFewDaysOnACustomLengthInDays() {
      Schedule threeDays = schedule(BERLIN,
          layer("three", "2026-01-05", "09:00", Rotation.parse("P3D").orElseThrow(), "ann", "bob"));

      assertThat(at(threeDays, "2026-01-08T07:59:59Z")).contains("ann");
      assertThat(at(threeDays, "2026-01-08T08:00:00Z")).contains("bob");
    }
  }

  @Nested
  class Layers {

    // Top: a business-week layer starting later and ending; bottom: a weekly layer always there.
    final Schedule layered = schedule(BERLIN,
        new Layer("holiday cover", LocalDate.parse("2026-02-02"), LocalDate.parse("2026-02-04"), LocalTime.of(9, 0),
            Rotation.DAILY, List.of("hal", "ida")),
        layer("weekly", "2026-01-05", "09:00", Rotation.WEEKLY, "ann", "bob"));

    @Test
    void shouldLetTheHigherLayerCoverItsTime() {
      assertThat(at(layered, "2026-02-02T08:00:00Z")).contains("hal");
      assertThat(at(layered, "2026-02-03T08:00:00Z")).contains("ida");
    }

    @Test
    void shouldFillTheGapsOfTheHigherLayerFromTheLowerOne() {
      assertThat(at(layered, "2026-02-02T07:59:59Z")).as("before the top layer starts").contains("bob");
      assertThat(at(layered, "2026-02-04T08:00:00Z")).as("after the top layer ends").contains("ann");
    }

    @Test
    void shouldFlattenOverlappingLayersIntoOneTimeline() {
      List<Shift> shifts = OnCallTimeline.shifts(layered, List.of(), Instant.parse("2026-02-01T00:00:00Z"),
          Instant.parse("2026-02-05T00:00:00Z"));

      assertThat(shifts).containsExactly(
          new Shift("bob", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-02T08:00:00Z"), "weekly", null),
          new Shift("hal", Instant.parse("2026-02-02T08:00:00Z"), Instant.parse("2026-02-03T08:00:00Z"), "holiday cover", null),
          new Shift("ida", Instant.parse("2026-02-03T08:00:00Z"), Instant.parse("2026-02-04T08:00:00Z"), "holiday cover", null),
          new Shift("ann", Instant.parse("2026-02-04T08:00:00Z"), Instant.parse("2026-02-05T00:00:00Z"), "weekly", null));
    }
  }

  @Nested
  class Overrides {

    final Schedule weekly = schedule(BERLIN, layer("weekly", "2026-01-05", "09:00", Rotation.WEEKLY, "ann", "bob"));
    final ScheduleOverride zoe = override(42, "zoe", "2026-01-07T12:00:00Z", "2026-01-08T12:00:00Z");

    @Test
    void shouldPutTheOverridingUserOnCallInsideTheOverride() {
      assertThat(at(weekly, "2026-01-07T18:00:00Z", zoe)).contains("zoe");
    }

    @Test
    void shouldStartTheOverrideAtItsFromAndEndItJustBeforeItsTo() {
      assertThat(at(weekly, "2026-01-07T11:59:59Z", zoe)).contains("ann");
      assertThat(at(weekly, "2026-01-07T12:00:00Z", zoe)).contains("zoe");
      assertThat(at(weekly, "2026-01-08T11:59:59Z", zoe)).contains("zoe");
      assertThat(at(weekly, "2026-01-08T12:00:00Z", zoe)).contains("ann");
    }

    @Test
    void shouldBeatEveryLayerAndCoverGapsToo() {
      ScheduleOverride beforeStart = override(7, "zoe", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");

      assertThat(at(weekly, "2026-01-01T12:00:00Z", beforeStart)).contains("zoe");
    }

    @Test
    void shouldSplitTheTurnAroundTheOverride() {
      List<Shift> shifts = OnCallTimeline.shifts(weekly, List.of(zoe), Instant.parse("2026-01-07T00:00:00Z"),
          Instant.parse("2026-01-09T00:00:00Z"));

      assertThat(shifts).containsExactly(
          new Shift("ann", Instant.parse("2026-01-07T00:00:00Z"), Instant.parse("2026-01-07T12:00:00Z"), "weekly", null),
          new Shift("zoe", Instant.parse("2026-01-07T12:00:00Z"), Instant.parse("2026-01-08T12:00:00Z"), null, 42L),
          new Shift("ann", Instant.parse("2026-01-08T12:00:00Z"), Instant.parse("2026-01-09T00:00:00Z"), "weekly", null));
    }
  }

  /** A handoff is a local time: across a DST change the turn lasts 23 or 25 hours and the handoff stays put. */
  @Nested
  class DaylightSavingTime {

    @Test
    void shouldHandOffAtNineBerlinTimeWhenClocksGoForwardOnADailyRotation() {
      Schedule daily = schedule(BERLIN, layer("day", "2026-03-27", "09:00", Rotation.DAILY, "ann", "bob"));
      // 2026-03-28 09:00 CET = 08:00Z; 2026-03-29 09:00 CEST = 07:00Z: a 23-hour turn.
      assertThat(at(daily, "2026-03-28T08:00:00Z")).contains("bob");
      assertThat(at(daily, "2026-03-29T06:59:59Z")).contains("bob");
      assertThat(at(daily, "2026-03-29T07:00:00Z")).contains("ann");
      assertThat(turnLength(daily, "2026-03-28T12:00:00Z")).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void shouldHandOffAtNineBerlinTimeWhenClocksGoBackOnADailyRotation() {
      Schedule daily = schedule(BERLIN, layer("day", "2026-10-23", "09:00", Rotation.DAILY, "ann", "bob"));
      // 2026-10-24 09:00 CEST = 07:00Z; 2026-10-25 09:00 CET = 08:00Z: a 25-hour turn.
      assertThat(at(daily, "2026-10-24T07:00:00Z")).contains("bob");
      assertThat(at(daily, "2026-10-25T07:59:59Z")).contains("bob");
      assertThat(at(daily, "2026-10-25T08:00:00Z")).contains("ann");
      assertThat(turnLength(daily, "2026-10-24T12:00:00Z")).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldHandOffAtNineBerlinTimeAcrossBothChangesOnAWeeklyRotation() {
      // Mondays 09:00 Berlin: 2026-03-23 (CET, 08:00Z) to 2026-03-30 (CEST, 07:00Z), 167 hours.
      Schedule weekly = schedule(BERLIN, layer("week", "2026-03-23", "09:00", Rotation.WEEKLY, "ann", "bob"));
      assertThat(at(weekly, "2026-03-30T06:59:59Z")).contains("ann");
      assertThat(at(weekly, "2026-03-30T07:00:00Z")).contains("bob");
      assertThat(turnLength(weekly, "2026-03-25T12:00:00Z")).isEqualTo(Duration.ofHours(167));
      // 2026-10-19 (CEST, 07:00Z) to 2026-10-26 (CET, 08:00Z), 169 hours; 30 weeks after the start: ann again.
      assertThat(at(weekly, "2026-10-26T07:59:59Z")).contains("ann");
      assertThat(at(weekly, "2026-10-26T08:00:00Z")).contains("bob");
      assertThat(turnLength(weekly, "2026-10-22T12:00:00Z")).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void shouldHandOffAtNineNewYorkTimeWhenClocksGoForwardOnADailyRotation() {
      Schedule daily = schedule(NEW_YORK, layer("day", "2026-03-06", "09:00", Rotation.DAILY, "ann", "bob"));
      // 2026-03-07 09:00 EST = 14:00Z; 2026-03-08 09:00 EDT = 13:00Z.
      assertThat(at(daily, "2026-03-08T12:59:59Z")).contains("bob");
      assertThat(at(daily, "2026-03-08T13:00:00Z")).contains("ann");
      assertThat(turnLength(daily, "2026-03-07T18:00:00Z")).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void shouldHandOffAtNineNewYorkTimeWhenClocksGoBackOnADailyRotation() {
      Schedule daily = schedule(NEW_YORK, layer("day", "2026-10-30", "09:00", Rotation.DAILY, "ann", "bob"));
      // 2026-10-31 09:00 EDT = 13:00Z; 2026-11-01 09:00 EST = 14:00Z.
      assertThat(at(daily, "2026-11-01T13:59:59Z")).contains("bob");
      assertThat(at(daily, "2026-11-01T14:00:00Z")).contains("ann");
      assertThat(turnLength(daily, "2026-10-31T18:00:00Z")).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldHandOffAtNineNewYorkTimeAcrossBothChangesOnAWeeklyRotation() {
      // Thursdays 09:00 New York: 2026-03-05 (EST, 14:00Z) to 2026-03-12 (EDT, 13:00Z).
      Schedule weekly = schedule(NEW_YORK, layer("week", "2026-03-05", "09:00", Rotation.WEEKLY, "ann", "bob"));
      assertThat(at(weekly, "2026-03-12T12:59:59Z")).contains("ann");
      assertThat(at(weekly, "2026-03-12T13:00:00Z")).contains("bob");
      assertThat(turnLength(weekly, "2026-03-08T12:00:00Z")).isEqualTo(Duration.ofHours(167));
      // 2026-10-29 (EDT, 13:00Z) to 2026-11-05 (EST, 14:00Z), 34 weeks after the start: ann again.
      assertThat(at(weekly, "2026-11-05T13:59:59Z")).contains("ann");
      assertThat(at(weekly, "2026-11-05T14:00:00Z")).contains("bob");
      assertThat(turnLength(weekly, "2026-11-01T12:00:00Z")).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void shouldMoveAHandoffInTheSkippedHourLaterByTheGap() {
      Schedule night = schedule(BERLIN, layer("night", "2026-03-28", "02:30", Rotation.DAILY, "ann", "bob"));
      // 02:30 does not exist on 2026-03-29: the handoff is at 03:30 CEST = 01:30Z.
      assertThat(at(night, "2026-03-29T01:29:59Z")).contains("ann");
      assertThat(at(night, "2026-03-29T01:30:00Z")).contains("bob");
    }

    @Test
    void shouldKeepAnExactCustomLengthExactAcrossTheChange() {
      Schedule twelveHours = schedule(BERLIN,
          layer("half", "2026-03-28", "09:00", Rotation.parse("PT12H").orElseThrow(), "ann", "bob"));
      // 08:00Z, 20:00Z, 08:00Z: on the 29th the handoff is at 10:00 local time.
      assertThat(at(twelveHours, "2026-03-29T07:59:59Z")).contains("bob");
      assertThat(at(twelveHours, "2026-03-29T08:00:00Z")).contains("ann");
    }

    private Duration turnLength(Schedule schedule, String during) {
      Instant at = Instant.parse(during);
      List<Shift> around = OnCallTimeline.shifts(schedule, List.of(), at.minus(Duration.ofDays(8)),
          at.plus(Duration.ofDays(8)));
      Shift shift = around.stream().filter(s -> !s.start().isAfter(at) && s.end().isAfter(at)).findFirst().orElseThrow();
      return Duration.between(shift.start(), shift.end());
    }
  }
}
