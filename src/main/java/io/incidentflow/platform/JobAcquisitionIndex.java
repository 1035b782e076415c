package io.incidentflow.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the jobs' due date for the job executor's acquisition query ({@code DUEDATE_ is null or DUEDATE_ <=
 * now}, then by priority), which Camunda 7.24 runs several times a second while jobs flow. Its schema has no such
 * index, so PostgreSQL reads every job row each time: the timers of every open incident (SLA reminders, paging
 * levels, action item reminders) that are due days ahead. With 4,400 open incidents that was a third of the
 * database's work while 20 alerts/s were paged (BENCHMARKS.md, paging). Made after the engine has made or updated
 * its tables, on every start (a no-op once it exists), on PostgreSQL and H2.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  static final String INDEX = "IF_IDX_JOB_DUEDATE";
  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    create(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
  }

  static void create(DataSource dataSource, String tablePrefix) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create index if not exists " + INDEX + " on " + tablePrefix + "ACT_RU_JOB (DUEDATE_)");
    } catch (SQLException e) {
      // Another node of the cluster made it at the same moment, or the database user may not: jobs still run,
      // their acquisition reads the whole table.
      log.warn("No index {} on ACT_RU_JOB(DUEDATE_); job acquisition reads every job: {}", INDEX, e.getMessage());
    }
  }
}
