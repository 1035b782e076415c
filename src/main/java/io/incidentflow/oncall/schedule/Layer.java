package io.incidentflow.oncall.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One rotation of a schedule: its users take turns in list order, the first from {@code start} at the
 * {@code handoff} time (the schedule's zone), each for one {@link Rotation}. The layer ends at the handoff
 * time of {@code end} (exclusive), or never. A handoff time that does not exist on a day (the hour clocks skip
 * in spring) moves later by the gap; one that exists twice (autumn) is the earlier.
 *
 * @param end null: the layer never ends
 */
public record Layer(String name, LocalDate start, LocalDate end, LocalTime handoff, Rotation rotation,
    List<String> users) {

  public Layer {
    users = List.copyOf(users);
    if (users.isEmpty()) {
      throw new IllegalArgumentException("A layer needs at least one user");
    }
  }

  /** The instant turn {@code k} starts (turn 0 is the first user's first turn). */
  Instant handoff(long k, ZoneId zone) {
    if (rotation.days() > 0) {
      return ZonedDateTime.of(start.plusDays(k * rotation.days()), handoff, zone).toInstant();
    }
    return begin(zone).plus(rotation.exact().multipliedBy(k));
  }

  Instant begin(ZoneId zone) {
    return ZonedDateTime.of(start, handoff, zone).toInstant();
  }

  /** When the layer stops covering, or null. */
  Instant finish(ZoneId zone) {
    return end == null ? null : ZonedDateTime.of(end, handoff, zone).toInstant();
  }

  /** The turn running at the instant, or empty before the layer starts and from its end on. */
  OptionalLong turnAt(Instant at, ZoneId zone) {
    Instant finish = finish(zone);
    if (at.isBefore(begin(zone)) || (finish != null && !at.isBefore(finish))) {
      return OptionalLong.empty();
    }
    long k = Math.max(0, estimate(at, zone));
    while (k > 0 && handoff(k, zone).isAfter(at)) {
      k--;
    }
    while (!handoff(k + 1, zone).isAfter(at)) {
      k++;
    }
    return OptionalLong.of(k);
  }

  /** Who has turn {@code k}. */
  String user(long k) {
    return users.get((int) Math.floorMod(k, users.size()));
  }

  /** Every instant in (from, to) where the layer's on-call user may change: its start, handoffs, its end. */
  List<Instant> changesBetween(Instant from, Instant to, ZoneId zone) {
    List<Instant> changes = new ArrayList<>();
    Instant finish = finish(zone);
    long k = Math.max(0, estimate(from, zone) - 1);
    for (Instant handoff = handoff(k, zone); handoff.isBefore(to); handoff = handoff(++k, zone)) {
      if (finish != null && !handoff.isBefore(finish)) {
        break;
      }
      if (handoff.isAfter(from)) {
        changes.add(handoff);
      }
    }
    if (finish != null && finish.isAfter(from) && finish.isBefore(to)) {
      changes.add(finish);
    }
    return changes;
  }

  /** A turn number near the one running at the instant (exact up to DST shifts). */
  private long estimate(Instant at, ZoneId zone) {
    if (rotation.days() > 0) {
      return Math.floorDiv(ChronoUnit.DAYS.between(start, LocalDate.ofInstant(at, zone)), rotation.days());
    }
    return Math.floorDiv(ChronoUnit.SECONDS.between(begin(zone), at), rotation.exact().toSeconds());
  }
}
