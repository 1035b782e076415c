package io.incidentflow.sla;

import io.incidentflow.platform.EngineClock;
import io.incidentflow.sla.calendar.BusinessCalendars;
import io.incidentflow.sla.calendar.SlaCalendarProperties;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The real SLA clocks for process tests: table {@code sla_clock} (V14) in the test engine's own database, the
 * engine's clock, a 24×7 calendar and {@code business-hours} (Mon–Fri 08:00–18:00 Europe/Berlin, 25 December
 * off), as application.yaml ships them.
 */
public final class SlaClocksOnEngine {

  public final SlaClockRepository repository;
  public final SlaClocks clocks;
  public final BusinessCalendars calendars;
  private final JdbcClient jdbc;

  public SlaClocksOnEngine(ProcessEngine engine) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    jdbc = JdbcClient.create(dataSource);
    if (jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'SLA_CLOCK'")
        .query(Long.class).single() == 0) {
      new ResourceDatabasePopulator(new ClassPathResource("db/migration/V14__sla_clocks.sql")).execute(dataSource);
    }
    jdbc.sql("DELETE FROM sla_clock").update();
    EngineClock clock = new EngineClock();
    calendars = new BusinessCalendars(new SlaCalendarProperties(Map.of("business-hours",
        new SlaCalendarProperties.CalendarSpec("Europe/Berlin",
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            "08:00-18:00", List.of(LocalDate.of(2026, 12, 25)), null))), clock);
    repository = new SlaClockRepository(jdbc);
    clocks = new SlaClocks(repository, calendars, engine.getRuntimeService(), clock);
  }

  /**
   * A stand-in for the notify step ({@code notifySla}): marks the notice on the real clock, as the real step does
   * (which moves its phase on), and hands each notice marked for the first time to {@code record}.
   */
  public JavaDelegate markingNotifier(Consumer<DelegateExecution> record) {
    return execution -> {
      String level = (String) execution.getVariable(SlaEscalationProcess.VAR_LEVEL);
      if (clocks.mark((Long) execution.getVariable(SlaEscalationProcess.VAR_CLOCK_ID),
          SlaNotice.valueOf(level.toUpperCase()))) {
        record.accept(execution);
      }
    };
  }

  public List<SlaClock> of(String incidentId) {
    return repository.findByIncident(incidentId);
  }

  public SlaClock only(String incidentId, String name) {
    List<SlaClock> named = of(incidentId).stream().filter(c -> c.clock().equals(name)).toList();
    if (named.size() != 1) {
      throw new AssertionError("expected one clock " + name + " of " + incidentId + ", found " + named);
    }
    return named.get(0);
  }
}
