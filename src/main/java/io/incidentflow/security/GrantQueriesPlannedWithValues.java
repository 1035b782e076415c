package io.incidentflow.security;

import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.postgresql.PGStatement;

/**
 * On PostgreSQL, has the engine's queries that join the caller's grants planned with their values at every run.
 *
 * <p>The JDBC driver prepares a statement on the server from its fifth run on a connection, and PostgreSQL may
 * then keep a plan made without the values (a generic plan). Such a plan cannot prove that a read check
 * ({@code A.RESOURCE_TYPE_ = $4 AND A.PERMS_ & $5 = $6 ...}) implies the read-grant indexes' predicate
 * ({@link AuthorizationPlugin#READ_GRANTS}), so it reads every grant: a technician's task count took 30-60 % longer
 * (BENCHMARKS.md, "Authorization checks"). With {@code prepareThreshold} 0 the driver never prepares these
 * statements on the server, and PostgreSQL plans each run with its values.
 *
 * <p>Only Camunda's query check ({@code ... FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 ...}): a single check of
 * one resource reads one grant by Camunda's unique index in any plan, and planning every statement of the engine
 * doubled the CPU of a new incident's registration job.
 */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
final class GrantQueriesPlannedWithValues implements Interceptor {

  /** The grants subquery of Camunda's query checks (Authorization.xml, authCheckJoinWithoutOnClauseWithBinding). */
  static final String GRANTS_TABLE = "ACT_RU_AUTHORIZATION A";
  static final Pattern GRANTS_JOIN = Pattern.compile(Pattern.quote(GRANTS_TABLE) + "\\s+WHERE A\\.TYPE_ < 2");

  /** Only statement handlers: MyBatis offers every executor and parameter and result handler too. */
  @Override
  public Object plugin(Object target) {
    return target instanceof StatementHandler ? Plugin.wrap(target, this) : target;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Statement statement = (Statement) invocation.proceed();
    String sql = ((StatementHandler) invocation.getTarget()).getBoundSql().getSql();
    if (readsGrants(sql) && statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return statement;
  }

  static boolean readsGrants(String sql) {
    // The plain search first: the engine's statements run several kilobytes of SQL, few name the grants table,
    // and the pattern alone over every statement took 4 % of a job worker's CPU (JFR, intake phase 3b).
    return sql.contains(GRANTS_TABLE) && GRANTS_JOIN.matcher(sql).find();
  }
}
