package io.incidentflow.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The benchmark's look into a query: the SQL the engine sends for a MyBatis statement, with its parameters, caught
 * once while {@link #capture} runs, and PostgreSQL's plan of it (EXPLAIN ANALYZE). A MyBatis interceptor on the
 * engine's SQL session factory, idle outside {@link #capture}.
 */
@Intercepts({
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
            BoundSql.class})})
final class QueryPlans implements Interceptor {

  /** A statement as sent: SQL with {@code ?} and the values bound to them. */
  record Statement(String id, String sql, List<Object> values) {}

  private final DataSource dataSource;
  private volatile Map<String, Statement> capturing;

  private QueryPlans(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Installs the interceptor in the engine's MyBatis configuration (sessions opened from now on). */
  static QueryPlans install(ProcessEngineConfigurationImpl engine) {
    QueryPlans plans = new QueryPlans(engine.getDataSource());
    engine.getSqlSessionFactory().getConfiguration().addInterceptor(plans);
    return plans;
  }

  /** Runs {@code action} on this thread and returns the statements it queried, by MyBatis statement id. */
  synchronized Map<String, Statement> capture(Runnable action) {
    capturing = new LinkedHashMap<>();
    try {
      action.run();
      return capturing;
    } finally {
      capturing = null;
    }
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Map<String, Statement> into = capturing;
    if (into != null) {
      Object[] args = invocation.getArgs();
      MappedStatement statement = (MappedStatement) args[0];
      BoundSql bound = args.length == 6 ? (BoundSql) args[5] : statement.getBoundSql(args[1]);
      into.putIfAbsent(statement.getId(), new Statement(statement.getId(), bound.getSql(),
          values(statement.getConfiguration(), bound, args[1])));
    }
    return invocation.proceed();
  }

  /** As MyBatis's DefaultParameterHandler finds each parameter's value. */
  private static List<Object> values(Configuration configuration, BoundSql bound, Object parameter) {
    List<Object> values = new ArrayList<>();
    MetaObject meta = parameter == null ? null : configuration.newMetaObject(parameter);
    for (ParameterMapping mapping : bound.getParameterMappings()) {
      String property = mapping.getProperty();
      if (bound.hasAdditionalParameter(property)) {
        values.add(bound.getAdditionalParameter(property));
      } else if (parameter == null) {
        values.add(null);
      } else if (configuration.getTypeHandlerRegistry().hasTypeHandler(parameter.getClass())) {
        values.add(parameter);
      } else {
        values.add(meta.getValue(property));
      }
    }
    return values;
  }

  /**
   * PostgreSQL's plan of the statement as it runs it now: EXPLAIN (ANALYZE, BUFFERS), one line per row. The
   * {@code setup} statements (e.g. {@code SET LOCAL ...}, {@code CREATE STATISTICS ...}) run first in the same
   * transaction, which is rolled back: they change nothing for the rest of the run.
   */
  String explain(Statement statement, String... setup) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        for (String sql : setup) {
          try (PreparedStatement step = connection.prepareStatement(sql)) {
            step.execute();
          }
        }
        explain(connection, statement, plan);
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    }
    return plan.toString();
  }

  /**
   * PostgreSQL's plan of the statement prepared on the server, as the JDBC driver prepares a statement from its
   * fifth run, under the given {@code plan_cache_mode}: {@code force_generic_plan} shows the plan made without the
   * values, which the server may switch to after five runs. Plain EXPLAIN: the plan is what counts here.
   */
  String explainPrepared(Statement statement, String planCacheMode) throws SQLException {
    StringBuilder plan = new StringBuilder();
    int[] parameter = {0};
    String numbered = java.util.regex.Pattern.compile("\\?").matcher(statement.sql())
        .replaceAll(match -> "\\$" + ++parameter[0]);
    try (Connection connection = dataSource.getConnection(); java.sql.Statement sql = connection.createStatement()) {
      sql.execute("SET plan_cache_mode = " + planCacheMode);
      sql.execute("PREPARE if_explained AS " + numbered);
      // EXECUTE takes no bound parameters: the values go in as literals.
      String values = String.join(", ", statement.values().stream().map(QueryPlans::literal).toList());
      try (ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE if_explained(" + values + ")")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      } finally {
        sql.execute("DEALLOCATE if_explained");
        sql.execute("RESET plan_cache_mode");
      }
    }
    return plan.toString();
  }

  private static String literal(Object value) {
    return value == null ? "NULL" : value instanceof Number ? value.toString()
        : "'" + value.toString().replace("'", "''") + "'";
  }

  private static void explain(Connection connection, Statement statement, StringBuilder plan) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
      for (int i = 0; i < statement.values().size(); i++) {
        Object value = statement.values().get(i);
        explain.setObject(i + 1, value instanceof java.util.Date date && !(value instanceof java.sql.Timestamp)
            ? new java.sql.Timestamp(date.getTime()) : value);
      }
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
    }
  }

  @Override
  public void setProperties(Properties properties) {}
}
