package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A technician's task query over thousands of open tasks, each with its TASK_WORK grant for its candidate group,
 * as {@link AuthorizationPlugin} sets the engine up: the grants are read through the read-grant indexes, not row by
 * row, and no list of every group holding a grant is read first ({@link FewGroupsAuthorizationManager}); what the
 * caller sees is what the grants allow. A bare engine with the plugin on a database of its own on the test server,
 * as {@code JobAcquisitionIndexIT} does, so that its thousands of grants stay out of the other tests.
 */
class ReadGrantsIT {

  static final int DATABASE_TASKS = 2000;
  static final int NETWORK_TASKS = 200;

  private static ProcessEngine engine;
  private static SingleConnectionDataSource database;
  private static QueryPlans queries;

  @BeforeAll
  static void thousandsOfOpenTasks() throws Exception {
    // One connection, reused as a pool's are: the JDBC driver prepares a statement on the server from its fifth run.
    database = new SingleConnectionDataSource(PostgresTestDatabase.freshDatabase("read_grants").getConnection(), true);
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setDataSource(database);
    configuration.setDatabaseType("postgres");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    configuration.setAuthorizationEnabled(true);
    configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
    configuration.setProcessEngineName("read-grants");
    configuration.setProcessEnginePlugins(List.of(new AuthorizationPlugin()));
    engine = configuration.buildProcessEngine();
    queries = QueryPlans.install(configuration);

    // The skill group reads every task of the process through one grant, as Roles gives it.
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization readTasks = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    readTasks.setGroupId("database");
    readTasks.setResource(Resources.PROCESS_DEFINITION);
    readTasks.setResourceId("work");
    readTasks.addPermission(ProcessDefinitionPermissions.READ_TASK);
    authorizations.saveAuthorization(readTasks);

    engine.getRepositoryService().createDeployment().addModelInstance("work.bpmn", tasksFor("database"))
        .addModelInstance("other.bpmn", tasksFor("network")).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("work", Map.of("tasks", DATABASE_TASKS));
    engine.getRuntimeService().startProcessInstanceByKey("other", Map.of("tasks", NETWORK_TASKS));
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("analyze ACT_RU_AUTHORIZATION");
    }
  }

  /** Key "work" for the database group, "other" for the network group: parallel tasks offered to the group. */
  private static BpmnModelInstance tasksFor(String group) {
    String key = group.equals("database") ? "work" : "other";
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
        .userTask("task").camundaCandidateGroups(group).endEvent().done();
    model.<UserTask>getModelElementById("task").builder().multiInstance().parallel()
        .cardinality("${tasks}").multiInstanceDone();
    return model;
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
    database.destroy();
  }

  @Test
  void shouldHaveWrittenATaskWorkGrantPerOpenTask() {
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK).count())
        .as("the rows the read-grant indexes leave out").isEqualTo(DATABASE_TASKS + NETWORK_TASKS);
  }

  @Test
  void shouldLetPostgresReadTheCallersReadGrantsByIndexAmongThousandsOfTaskWorkGrants() throws Exception {
    Map<String, QueryPlans.Statement> sent = asTechnician(List.of("technicians", "database"),
        () -> assertThat(openTasks().listPage(0, 15)).hasSize(15));

    String plan = queries.explain(sent.values().stream().filter(s -> s.id().endsWith("selectTaskByQueryCriteria"))
        .findFirst().orElseThrow());
    assertThat(plan).as("the task query's plan").containsAnyOf("if_idx_auth_read_group", "if_idx_auth_read_user")
        .doesNotContain("Seq Scan on act_ru_authorization");
  }

  /**
   * Why the app's PostgreSQL connections plan every statement with its values (application-postgres.yaml): a plan
   * made without them, which PostgreSQL may switch to for a statement the driver prepared, cannot prove that a read
   * check implies the indexes' predicate.
   */
  @Test
  void shouldUseTheReadGrantIndexesOnlyInAPlanMadeWithTheValues() throws Exception {
    Map<String, QueryPlans.Statement> sent = asTechnician(List.of("technicians", "database"),
        () -> assertThat(openTasks().count()).isEqualTo(DATABASE_TASKS));
    QueryPlans.Statement count = sent.values().stream()
        .filter(s -> s.id().endsWith("selectTaskCountByQueryCriteria")).findFirst().orElseThrow();

    assertThat(queries.explainPrepared(count, "force_custom_plan")).as("planned with the values")
        .containsAnyOf("if_idx_auth_read_group", "if_idx_auth_read_user");
    assertThat(queries.explainPrepared(count, "force_generic_plan")).as("planned without them")
        .doesNotContain("if_idx_auth_read_group").doesNotContain("if_idx_auth_read_user");
  }

  @Test
  void shouldNeverLetTheServerKeepAPlanOfAQueryReadingGrants() throws Exception {
    for (int refresh = 0; refresh < 12; refresh++) {
      asTechnician(List.of("technicians", "database"), () -> {
        assertThat(openTasks().listPage(0, 15)).hasSize(15);
        assertThat(openTasks().count()).isEqualTo(DATABASE_TASKS);
      });
    }

    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        java.sql.ResultSet prepared = statement.executeQuery("select count(*) filter (where statement ilike "
            + "'select%act_ru_task%'), count(*) filter (where statement ~ 'ACT_RU_AUTHORIZATION A\\s+WHERE A\\.TYPE_ < 2') "
            + "from pg_prepared_statements")) {
      prepared.next();
      assertThat(prepared.getLong(1)).as("task queries the server keeps a plan of").isZero();
      assertThat(prepared.getLong(2)).as("queries joining the caller's grants the server keeps a plan of").isZero();
    }
  }

  @Test
  void shouldReadTheCallersOwnGroupsWithoutJoiningTheGrantsButCheckOtherUsersGroups() {
    org.camunda.bpm.engine.IdentityService identity = engine.getIdentityService();
    for (String group : List.of("database", "network")) {
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        identity.saveGroup(identity.newGroup(group)); // no caller: Camunda grants the group READ on itself
      }
    }
    if (identity.createUserQuery().userId("tess").count() == 0) {
      identity.saveUser(identity.newUser("tess"));
      identity.saveUser(identity.newUser("nick"));
      identity.createMembership("tess", "database");
      identity.createMembership("nick", "network");
    }

    List<String> own = new ArrayList<>();
    Map<String, QueryPlans.Statement> ownQuery = asTechnician(List.of("database"),
        () -> identity.createGroupQuery().groupMember("tess").list().forEach(g -> own.add(g.getId())));
    List<String> others = new ArrayList<>();
    Map<String, QueryPlans.Statement> othersQuery = asTechnician(List.of("database"),
        () -> identity.createGroupQuery().groupMember("nick").list().forEach(g -> others.add(g.getId())));

    assertThat(own).containsExactly("database");
    assertThat(groupQuery(ownQuery).sql()).doesNotContain("ACT_RU_AUTHORIZATION");
    assertThat(others).as("another user's groups, which tess may not read").isEmpty();
    assertThat(groupQuery(othersQuery).sql()).contains("ACT_RU_AUTHORIZATION");
  }

  private static QueryPlans.Statement groupQuery(Map<String, QueryPlans.Statement> sent) {
    return sent.values().stream().filter(s -> s.id().endsWith("selectGroupByQueryCriteria")).findFirst().orElseThrow();
  }

  @Test
  void shouldNotReadEveryGroupHoldingAGrantBeforeATechniciansQuery() {
    Map<String, QueryPlans.Statement> sent = asTechnician(List.of("technicians", "database"),
        () -> assertThat(openTasks().count()).isEqualTo(DATABASE_TASKS));

    assertThat(sent.keySet()).as("statements of one task count")
        .anyMatch(id -> id.endsWith("selectTaskCountByQueryCriteria"))
        .noneMatch(id -> id.endsWith("selectAuthorizedGroupIds"));
  }

  @Test
  void shouldShowOnlyTheTasksTheGroupsReadWithFewGroupsAndWithMany() {
    asTechnician(List.of("technicians", "database"), () -> assertThat(openTasks().count()).isEqualTo(DATABASE_TASKS));
    // Without READ_TASK on its definition, a group reads the tasks offered to it through a grant per task.
    asTechnician(List.of("network"), () -> assertThat(openTasks().count()).isEqualTo(NETWORK_TASKS));
    asTechnician(List.of("application"), () -> assertThat(openTasks().count()).isZero());

    List<String> manyGroups = new ArrayList<>(IntStream.range(0, FewGroupsAuthorizationManager.FEW_GROUPS)
        .mapToObj(i -> "directory-group-" + i).toList());
    manyGroups.add("database");
    Map<String, QueryPlans.Statement> sent =
        asTechnician(manyGroups, () -> assertThat(openTasks().count()).isEqualTo(DATABASE_TASKS));
    assertThat(sent.keySet()).as("more groups than a few are filtered as Camunda does")
        .anyMatch(id -> id.endsWith("selectAuthorizedGroupIds"));
  }

  @Test
  void shouldOpenTheFewGroupsManagerWhereTheEngineAsksForItsAuthorizationManager() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getSessionFactories().get(AuthorizationManager.class).openSession())
        .isInstanceOf(FewGroupsAuthorizationManager.class);
  }

  private static TaskQuery openTasks() {
    return engine.getTaskService().createTaskQuery().orderByTaskCreateTime().desc();
  }

  private static Map<String, QueryPlans.Statement> asTechnician(List<String> groups, Runnable query) {
    engine.getIdentityService().setAuthentication("tess", groups);
    try {
      return queries.capture(query);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
