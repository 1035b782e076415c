package io.incidentflow.incident;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * V16: the first acknowledgement and fallback on the incident row (recorded by {@link IncidentTimesPlugin} from
 * now on), filled in for the incidents before it from Camunda's activity history, and an index for reports by
 * period. In Java rather than SQL because the history may not exist yet: on a new database Flyway can run before
 * the engine creates its tables (then there is nothing to fill in). Spring Boot hands Flyway every such bean.
 */
@Component
public class IncidentTimesMigration implements JavaMigration {

  static final String BACKFILL = """
      UPDATE incident SET
        acknowledged_at = (SELECT MIN(a.start_time_) FROM act_hi_actinst a
          WHERE a.proc_inst_id_ = incident.process_instance_id AND a.act_id_ = '%s'),
        fallback_at = (SELECT MIN(a.start_time_) FROM act_hi_actinst a
          WHERE a.proc_inst_id_ = incident.process_instance_id AND a.act_id_ = '%s')
      WHERE process_instance_id IS NOT NULL""".formatted(IncidentProcess.END_ACKNOWLEDGED,
      IncidentProcess.GATEWAY_WORKAROUND_READY);

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("16");
  }

  @Override
  public String getDescription() {
    return "incident acknowledged and fallback times";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE incident ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE");
      statement.execute("ALTER TABLE incident ADD COLUMN fallback_at TIMESTAMP WITH TIME ZONE");
      statement.execute("CREATE INDEX incident_opened_idx ON incident (opened_at)");
    }
    backfill(connection);
  }

  /**
   * Fills both times in from the activity history where it is (still) there. The history's times are the
   * engine's local time; this connection's time zone is the JVM's, as the engine's, so they convert alike.
   *
   * @return the incidents updated; 0 when the engine has no history tables yet
   */
  public static int backfill(Connection connection) throws SQLException {
    if (!hasTable(connection, "act_hi_actinst")) {
      return 0;
    }
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(BACKFILL);
    }
  }

  private static boolean hasTable(Connection connection, String name) throws SQLException {
    for (String spelled : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, spelled, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
