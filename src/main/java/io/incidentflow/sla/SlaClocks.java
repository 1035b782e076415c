package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.CLIMB_AFTER;
import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;
import static io.incidentflow.incident.IncidentVariables.SLA_CALENDAR;
import static io.incidentflow.incident.IncidentVariables.WARN_AT_PERCENT;

import io.incidentflow.incident.ProcessValues;
import io.incidentflow.sla.calendar.BusinessCalendar;
import io.incidentflow.sla.calendar.BusinessCalendars;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The SLA clocks of incidents, as the models use them: {@code ${slaClocks.due(execution, 'scope', scopeTarget)}}
 * as a task's due date, {@code ${slaClocks.warning(…)}} as its SLA timer, {@code ${slaClocks.stop(execution,
 * 'scope')}} when it ends. The first call starts the clock; later calls read it, so a task that comes back gets
 * the time left, not a new target. Targets count in the incident's calendar (severity-targets.dmn).
 */
@Component("slaClocks")
public class SlaClocks {

  private final SlaClockRepository clocks;
  private final BusinessCalendars calendars;
  private final RuntimeService runtime;
  private final Clock clock;

  public SlaClocks(SlaClockRepository clocks, BusinessCalendars calendars, RuntimeService runtime, Clock clock) {
    this.clocks = clocks;
    this.calendars = calendars;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** When the clock's target passes (a task's due date); starts the clock if it is not running. */
  public Date due(VariableScope execution, String name, String target) {
    return Date.from(start(execution, name, target).dueAt());
  }

  /** When the responders are reminded (the SLA timer); starts the clock if it is not running. */
  public Date warning(VariableScope execution, String name, String target) {
    return Date.from(start(execution, name, target).warnAt());
  }

  public SlaClock start(VariableScope execution, String name, String target) {
    String incidentId = ProcessValues.requiredString(execution, INCIDENT_ID);
    return clocks.findOpen(incidentId, name).orElseGet(() -> {
      String calendarName = ProcessValues.requiredString(execution, SLA_CALENDAR);
      BusinessCalendar calendar = calendars.get(calendarName);
      Duration targetTime = BusinessCalendar.parseTarget(target);
      Instant now = clock.instant();
      Instant warnAt = calendar.plus(now, share(targetTime, warnAtPercent(execution)));
      Instant dueAt = calendar.plus(now, targetTime);
      String climbAfter = ProcessValues.requiredString(execution, CLIMB_AFTER);
      BusinessCalendar.parseTarget(climbAfter); // a wrong value fails here, in the step that set it, not at a breach
      long id = clocks.insert(incidentId, name, target, calendarName, climbAfter, now, dueAt, warnAt);
      return new SlaClock(id, incidentId, name, target, calendarName, climbAfter, now, dueAt, warnAt, null,
          Duration.ZERO, null, null, null, null, null, false);
    });
  }

  /**
   * The customer-update cycle, {@code R/<next>/<cadence>}, where {@code next} is the cadence counted in the
   * incident's calendar from now. The engine evaluates it again each time it comes due (reevaluate-time-cycle-
   * when-due), so every next update falls the cadence of working time after the last one.
   */
  public String cadence(VariableScope execution, String cadence) {
    BusinessCalendar calendar = calendars.get(ProcessValues.requiredString(execution, SLA_CALENDAR));
    Instant next = calendar.plus(clock.instant(), BusinessCalendar.parseTarget(cadence));
    return "R/" + DateTimeFormatter.ISO_INSTANT.format(next.truncatedTo(ChronoUnit.SECONDS)) + "/" + cadence;
  }

  /** Whether the incident has that clock open (running or paused): its task or phase is under way. */
  public boolean running(VariableScope execution, String name) {
    return clocks.findOpen(ProcessValues.requiredString(execution, INCIDENT_ID), name).isPresent();
  }

  /** The task or phase the clock measures ended: met if before its target. Its escalation, if any, ends. */
  public void stop(VariableScope execution, String name) {
    stop(ProcessValues.requiredString(execution, INCIDENT_ID), name);
  }

  public void stop(String incidentId, String name) {
    clocks.findOpen(incidentId, name).ifPresent(open -> {
      clocks.stop(open.id(), clock.instant());
      correlate(SlaEscalationProcess.MESSAGE_CLOCK_STOPPED, open);
    });
  }

  /** Waiting on a customer or vendor: the clock stops counting until {@link #resume}. */
  public void pause(VariableScope execution, String name) {
    pause(ProcessValues.requiredString(execution, INCIDENT_ID), name);
  }

  public void pause(String incidentId, String name) {
    clocks.findOpen(incidentId, name).ifPresent(open -> clocks.pause(open.id(), clock.instant()));
  }

  /** Counting again with the time that was left: the reminder point and the target move by the paused time. */
  public void resume(VariableScope execution, String name) {
    resume(ProcessValues.requiredString(execution, INCIDENT_ID), name);
  }

  public void resume(String incidentId, String name) {
    clocks.findOpen(incidentId, name).filter(open -> open.pausedAt() != null).ifPresent(open -> {
      BusinessCalendar calendar = calendars.get(open.calendar());
      Instant now = clock.instant();
      Duration paused = calendar.between(open.pausedAt(), now);
      // Whatever had passed before the pause stays passed; what was ahead moves by the paused working time.
      Instant warnAt = open.warnAt().isAfter(open.pausedAt()) ? calendar.plus(now, calendar.between(open.pausedAt(), open.warnAt())) : open.warnAt();
      Instant dueAt = open.dueAt().isAfter(open.pausedAt()) ? calendar.plus(now, calendar.between(open.pausedAt(), open.dueAt())) : open.dueAt();
      clocks.resume(open.id(), open.pausedBusinessTime().plus(paused), warnAt, dueAt);
      correlate(SlaEscalationProcess.MESSAGE_CLOCK_RESUMED, open);
    });
  }

  /**
   * Marks a notice as sent on the clock, which moves its phase on (a breach also sets when the managers are due).
   *
   * @return false when it was marked before: a retried step must not notify twice
   */
  public boolean mark(long clockId, SlaNotice notice) {
    return mark(get(clockId), notice);
  }

  /** The same, for a clock already read (the notify step has it). */
  public boolean mark(SlaClock slaClock, SlaNotice notice) {
    Instant now = clock.instant();
    return switch (notice) {
      case WARNING -> clocks.markWarned(slaClock.id(), now);
      case BREACH -> clocks.markBreached(slaClock.id(), now,
          calendars.get(slaClock.calendar()).plus(now, BusinessCalendar.parseTarget(slaClock.climbAfter())));
      case CLIMB -> clocks.markClimbed(slaClock.id(), now);
    };
  }

  /** Where the clock stands now (the escalation model's gateway). */
  public String phase(long clockId) {
    return get(clockId).phase(clock.instant()).name();
  }

  public Date warningOf(long clockId) {
    return Date.from(get(clockId).warnAt());
  }

  public Date dueOf(long clockId) {
    return Date.from(get(clockId).dueAt());
  }

  public Date climbOf(long clockId) {
    return Date.from(get(clockId).climbAt());
  }

  public SlaClock get(long clockId) {
    return clocks.find(clockId).orElseThrow(() -> new IllegalArgumentException("No SLA clock " + clockId));
  }

  /** Every clock of the incident, with its state and working time counted, oldest first. */
  public List<SlaClockView> of(String incidentId) {
    Instant now = clock.instant();
    return clocks.findByIncident(incidentId).stream().map(c -> SlaClockView.of(c, calendars.get(c.calendar()), now)).toList();
  }

  private void correlate(String message, SlaClock open) {
    if (open.watched()) {
      runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(open.incidentId())
          .processInstanceVariableEquals(SlaEscalationProcess.VAR_CLOCK_ID, open.id())
          .correlateAll();
    }
  }

  private static int warnAtPercent(VariableScope execution) {
    if (execution.getVariable(WARN_AT_PERCENT) instanceof Number percent && percent.intValue() > 0
        && percent.intValue() <= 100) {
      return percent.intValue();
    }
    throw new IllegalStateException("Variable " + WARN_AT_PERCENT + " must be a percentage (1-100), is "
        + execution.getVariable(WARN_AT_PERCENT) + ": see severity-targets.dmn");
  }

  private static Duration share(Duration target, int percent) {
    return Duration.ofSeconds(target.toSeconds() * percent / 100);
  }
}
