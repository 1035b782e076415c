package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.intake.AlertRepository.Repeat;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A repeat of a firing alert is stored with its incident in one statement, on H2 and on PostgreSQL alike; a key
 * that is free or recovered stores nothing there, and is left to the full path (AlertIntakeService).
 */
class AlertRepositoryIT {

  static final Instant OPENED = Instant.parse("2026-11-30T09:00:00Z");
  static final Instant REPEATED = Instant.parse("2026-11-30T09:00:30Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldStoreARepeatOfAFiringKeyWithTheIncidentThatHoldsIt(String database) throws SQLException {
    Fixture db = fixture(database, "repeat_held");
    db.alerts.claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);

    assertThat(storeRepeat(db, alert("disk-full", "again, worse", true))).contains("INC-2026-0001");

    Map<String, Object> row = db.jdbc.sql("""
            SELECT source, dedup_key, status, service_id, severity, summary, description, customer_impact,
                   payload, incident_id, outcome FROM alert""").query().singleRow();
    assertThat(row).containsEntry("SOURCE", "GENERIC").containsEntry("DEDUP_KEY", "generic:disk-full")
        .containsEntry("STATUS", "FIRING").containsEntry("SERVICE_ID", "checkout").containsEntry("SEVERITY", "error")
        .containsEntry("SUMMARY", "again, worse").containsEntry("DESCRIPTION", "Disk of db-1 full")
        .containsEntry("CUSTOMER_IMPACT", true).containsEntry("PAYLOAD", "{\"summary\":\"again, worse\"}")
        .containsEntry("INCIDENT_ID", "INC-2026-0001").containsEntry("OUTCOME", "CORRELATED");
    assertThat(db.jdbc.sql("SELECT received_at FROM alert").query(Timestamp.class).single().toInstant())
        .isEqualTo(REPEATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldStoreNothingForAKeyNoIncidentHolds(String database) throws SQLException {
    Fixture db = fixture(database, "repeat_free");
    db.alerts.claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);

    assertThat(storeRepeat(db, alert("cpu-hot", "another problem", false))).isEmpty();

    assertThat(alertRows(db)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldLeaveAKeyWhoseAlertRecoveredToTheFullPath(String database) throws SQLException {
    Fixture db = fixture(database, "repeat_recovered");
    db.alerts.claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);
    db.alerts.markResolved("generic:disk-full", OPENED.plusSeconds(10));

    // Firing again after a recovery must also withdraw the recovery from the incident: not this statement's job.
    assertThat(storeRepeat(db, alert("disk-full", "back again", false))).isEmpty();

    assertThat(alertRows(db)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldRefuseAValueTooLongForItsColumnAsAnyInsertDoesNotCutIt(String database) throws SQLException {
    Fixture db = fixture(database, "repeat_too_long");
    db.alerts.claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);

    assertThatThrownBy(() -> storeRepeat(db, alert("disk-full", "x".repeat(1025), false)))
        .isInstanceOf(DataAccessException.class);

    assertThat(alertRows(db)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldStoreTheRepeatsOfAGroupThatHeldKeysCoverAndNothingForTheOthers(String database) throws SQLException {
    Fixture db = fixture(database, "repeat_group");
    db.alerts.claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);
    db.alerts.claim(alert("cpu-hot", "first", false), "INC-2026-0002", OPENED);
    db.alerts.markResolved("generic:cpu-hot", OPENED.plusSeconds(10));

    Map<String, String> stored = db.alerts.storeRepeats(List.of(
        new Repeat(alert("disk-full", "worse", false), REPEATED),
        new Repeat(alert("mem-low", "a free key", false), REPEATED),
        new Repeat(alert("disk-full", "even worse", true), REPEATED.plusMillis(1)),
        new Repeat(alert("cpu-hot", "back after recovering", false), REPEATED)));

    assertThat(stored).containsExactly(Map.entry("generic:disk-full", "INC-2026-0001"));
    assertThat(db.jdbc.sql("SELECT summary, incident_id, customer_impact FROM alert ORDER BY id")
        .query((rs, row) -> rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getBoolean(3)).list())
        .containsExactly("worse | INC-2026-0001 | false", "even worse | INC-2026-0001 | true");
  }

  static Optional<String> storeRepeat(Fixture db, Alert alert) {
    return Optional.ofNullable(db.alerts.storeRepeats(List.of(new Repeat(alert, REPEATED))).get(alert.dedupKey()));
  }

  static Alert alert(String key, String summary, boolean customerImpact) {
    return new Alert(AlertSource.GENERIC, "generic:" + key, AlertStatus.FIRING, "checkout", "error", summary,
        "Disk of db-1 full", customerImpact, null, "{\"summary\":\"" + summary + "\"}");
  }

  record Fixture(AlertRepository alerts, JdbcClient jdbc, DataSource dataSource) {}

  static long alertRows(Fixture db) {
    return db.jdbc.sql("SELECT COUNT(*) FROM alert").query(Long.class).single();
  }

  static Fixture fixture(String database, String name) throws SQLException {
    DataSource dataSource = database.equals("h2")
        ? new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
        : PostgresTestDatabase.freshDatabase(name);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new Fixture(new AlertRepository(JdbcClient.create(dataSource), dataSource,
        new DataSourceTransactionManager(dataSource)), JdbcClient.create(dataSource), dataSource);
  }
}
