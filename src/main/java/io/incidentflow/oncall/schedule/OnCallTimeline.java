package io.incidentflow.oncall.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Who is on call, from a schedule and its overrides (PagerDuty's rules): an override beats every layer; else
 * the first layer (top-down) that covers the instant names the user of its running turn; else nobody.
 */
public final class OnCallTimeline {

  /** Why a user is on call: a layer's turn, or an override. Equal answers belong to one shift. */
  private record Assignment(String user, String layer, long turn, Long overrideId) {}

  private OnCallTimeline() {}

  /** The user on call at the instant, or empty when no override and no layer covers it. */
  public static Optional<String> onCall(Schedule schedule, Collection<ScheduleOverride> overrides, Instant at) {
    return assignment(schedule, overrides, at).map(Assignment::user);
  }

  /**
   * The flattened timeline between two instants: who is on call when, each shift cut to the range, in order.
   * A turn split by an override becomes two shifts around the override's; stretches with nobody on call are
   * left out.
   */
  public static List<Shift> shifts(Schedule schedule, Collection<ScheduleOverride> overrides, Instant from,
      Instant to) {
    if (!to.isAfter(from)) {
      return List.of();
    }
    TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
    for (Layer layer : schedule.layers()) {
      cuts.addAll(layer.changesBetween(from, to, schedule.zone()));
    }
    for (ScheduleOverride override : overrides) {
      for (Instant edge : List.of(override.from(), override.to())) {
        if (edge.isAfter(from) && edge.isBefore(to)) {
          cuts.add(edge);
        }
      }
    }
    List<Shift> shifts = new ArrayList<>();
    Assignment current = null;
    Instant currentStart = null;
    Instant previous = null;
    for (Instant cut : cuts) {
      if (previous != null) {
        Assignment next = assignment(schedule, overrides, previous).orElse(null);
        if (!Objects.equals(next, current)) {
          add(shifts, current, currentStart, previous);
          current = next;
          currentStart = previous;
        }
      }
      previous = cut;
    }
    add(shifts, current, currentStart, to);
    return List.copyOf(shifts);
  }

  private static void add(List<Shift> shifts, Assignment assignment, Instant start, Instant end) {
    if (assignment != null) {
      shifts.add(new Shift(assignment.user(), start, end, assignment.layer(), assignment.overrideId()));
    }
  }

  private static Optional<Assignment> assignment(Schedule schedule, Collection<ScheduleOverride> overrides,
      Instant at) {
    for (ScheduleOverride override : overrides) {
      if (override.covers(at)) {
        return Optional.of(new Assignment(override.user(), null, 0, override.id()));
      }
    }
    for (Layer layer : schedule.layers()) {
      OptionalLong turn = layer.turnAt(at, schedule.zone());
      if (turn.isPresent()) {
        return Optional.of(new Assignment(layer.user(turn.getAsLong()), layer.name(), turn.getAsLong(), null));
      }
    }
    return Optional.empty();
  }
}
