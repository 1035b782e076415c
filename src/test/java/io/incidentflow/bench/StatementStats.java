package io.incidentflow.bench;

import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A benchmark's look at PostgreSQL's own account of its work: the statements that took its time since the last
 * {@link #reset}, by total execution and planning time (pg_stat_statements). Idle unless the run was started with
 * {@code -Dpostgres.statements=true}, which makes {@code PostgresTestDatabase} load the extension at start.
 */
public final class StatementStats {

  public static final boolean ENABLED = Boolean.getBoolean("postgres.statements");

  private final JdbcClient jdbc;

  public StatementStats(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void reset() {
    if (ENABLED) {
      jdbc.sql("create extension if not exists pg_stat_statements").update();
      jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
    }
  }

  /** The top statements since {@link #reset}, a line each (calls, ms executing, ms planning, the SQL's start). */
  public String top(String title, int statements) {
    if (!ENABLED) {
      return "";
    }
    return jdbc.sql("select calls, round(total_exec_time::numeric, 1) exec_ms, round(total_plan_time::numeric, 1) "
            + "plan_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 200) query from pg_stat_statements "
            + "order by total_exec_time + total_plan_time desc limit ?").param(statements).query().listOfRows()
        .stream().map(row -> "[statements]   " + row).collect(Collectors.joining("\n",
            "[statements] " + title + "\n", "\n"));
  }
}
