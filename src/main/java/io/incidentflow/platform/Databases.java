package io.incidentflow.platform;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database IncidentFlow runs on, for the few statements that differ between PostgreSQL and H2. */
public final class Databases {

  private Databases() {}

  public static String productName(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database IncidentFlow runs on", e);
    }
  }

  public static boolean isPostgres(DataSource dataSource) {
    return DatabaseDriver.fromProductName(productName(dataSource)) == DatabaseDriver.POSTGRESQL;
  }
}
