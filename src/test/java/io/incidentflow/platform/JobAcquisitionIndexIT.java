package io.incidentflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The job executor's acquisition reads due jobs through {@link JobAcquisitionIndex} instead of every job row: on
 * PostgreSQL (a database of its own on the test server, so that its thousands of timers stay out of the other
 * tests) and H2, a bare engine with the plugin, as the application builds its own.
 */
class JobAcquisitionIndexIT {

  /** Timers an hour ahead, as open incidents' SLA reminders and paging levels wait: 3,000 in one transaction. */
  static final BpmnModelInstance WAITING = Bpmn.createExecutableProcess("waiting").camundaHistoryTimeToLive(1)
      .startEvent().subProcess("timers").embeddedSubProcess().startEvent().intermediateCatchEvent()
      .timerWithDuration("PT1H").endEvent().subProcessDone().endEvent().done();

  static {
    WAITING.<org.camunda.bpm.model.bpmn.instance.SubProcess>getModelElementById("timers").builder().multiInstance()
        .parallel().cardinality("3000").multiInstanceDone();
  }

  private ProcessEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void shouldLetPostgresFindTheDueJobsByIndexAmongThousandsOfTimersDueLater() throws Exception {
    DataSource database = PostgresTestDatabase.freshDatabase("job_acquisition");
    engine = engineOn(database, "postgres");
    engine.getRepositoryService().createDeployment().addModelInstance("waiting.bpmn", WAITING).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("waiting");
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("analyze ACT_RU_JOB");
      List<String> plan = new ArrayList<>();
      // Camunda 7.24's selectNextJobsToExecute on PostgreSQL, as the job executor sends it (acquire by priority).
      try (ResultSet rows = statement.executeQuery("explain select RES.ID_, RES.REV_, RES.DUEDATE_, "
          + "RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and "
          + "(RES.DUEDATE_ is null or RES.DUEDATE_ <= now()) and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < "
          + "now()) and RES.SUSPENSION_STATE_ = 1 and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from "
          + "ACT_RU_JOB J2 where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true) and "
          + "(J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now()))) or RES.EXCLUSIVE_ = false) "
          + "order by RES.PRIORITY_ desc LIMIT 10 OFFSET 0")) {
        while (rows.next()) {
          plan.add(rows.getString(1));
        }
      }
      assertThat(String.join("\n", plan)).as("the acquisition's plan")
          .contains(JobAcquisitionIndex.INDEX.name().toLowerCase())
          .doesNotContain("Seq Scan on act_ru_job res");
    }
  }

  @Test
  void shouldMakeTheIndexOnH2Too() throws Exception {
    SimpleDriverDataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:mem:job-acquisition;DB_CLOSE_DELAY=-1", "sa", "");
    engine = engineOn(h2, "h2");
    JobAcquisitionIndex.INDEX.create(h2, "");
    try (Connection connection = h2.getConnection(); ResultSet indexes = connection.getMetaData()
        .getIndexInfo(null, null, "ACT_RU_JOB", false, false)) {
      List<String> names = new ArrayList<>();
      while (indexes.next()) {
        names.add(indexes.getString("INDEX_NAME"));
      }
      assertThat(names).as("made once, a second start changes nothing").contains(JobAcquisitionIndex.INDEX.name());
    }
  }



  private static ProcessEngine engineOn(DataSource dataSource, String databaseType) {
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setDataSource(dataSource);
    configuration.setDatabaseType(databaseType);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    configuration.setProcessEngineName("job-acquisition-" + databaseType);
    configuration.setProcessEnginePlugins(List.of(new JobAcquisitionIndex()));
    return configuration.buildProcessEngine();
  }
}
