package io.incidentflow.platform;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the jobs' due date for the job executor's acquisition query ({@code DUEDATE_ is null or DUEDATE_ <=
 * now}, then by priority), which Camunda 7.24 runs several times a second while jobs flow. Its schema has no such
 * index, so PostgreSQL reads every job row each time: the timers of every open incident (SLA reminders, paging
 * levels, action item reminders) that are due days ahead. With 4,400 open incidents that was a third of the
 * database's work while 20 alerts/s were paged (BENCHMARKS.md, paging). On PostgreSQL and H2.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  static final EngineIndex INDEX = new EngineIndex("IF_IDX_JOB_DUEDATE", "ACT_RU_JOB", "(DUEDATE_)",
      Set.of(DbSqlSessionFactory.POSTGRES, DbSqlSessionFactory.H2));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    INDEX.create((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
  }
}
