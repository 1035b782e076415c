package io.incidentflow.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index that Camunda's schema lacks and one of this platform's hot queries needs. It is made after the engine
 * has made or updated its tables, at every start ({@code create index if not exists}: a no-op once it exists), on
 * the databases named, so that a fresh database and an upgraded one end the same.
 *
 * @param definition the columns in parentheses, and a {@code where} clause for a partial index
 */
public record EngineIndex(String name, String table, String definition, Set<String> databaseTypes) {

  private static final Logger log = LoggerFactory.getLogger(EngineIndex.class);

  /** Makes it if the engine's database is one of {@link #databaseTypes}. */
  public void create(ProcessEngineConfigurationImpl configuration) {
    if (databaseTypes.contains(configuration.getDatabaseType())) {
      create(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
    }
  }

  void create(DataSource dataSource, String tablePrefix) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create index if not exists " + name + " on " + tablePrefix + table + " " + definition);
    } catch (SQLException e) {
      // Another node of the cluster made it at the same moment, or the database user may not: everything still
      // works, the queries it serves read the whole table.
      log.warn("No index {} on {} {}; the queries it serves read the whole table: {}", name, table, definition,
          e.getMessage());
    }
  }
}
