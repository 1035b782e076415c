package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.PostgresTestDatabase;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration to one outbox keeps every mail of an upgraded database: a staff page stored as the customer
 * 'staff+tom' becomes a STAFF mail to tom, customer notices stay CUSTOMER, on H2 and on PostgreSQL alike.
 */
class OutboxMigrationIT {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldMoveStaffDeliveriesOutOfTheCustomersAndKeepEveryRow(String database) throws SQLException {
    DataSource dataSource = freshDatabase(database);
    migrate(dataSource, "8");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql("""
        INSERT INTO incident (id, service_id, title, status, customer_impact, opened_at)
        VALUES ('INC-2026-0001', 'checkout', 'Checkout down', 'OPEN', TRUE, CURRENT_TIMESTAMP)""").update();
    long page = notice(jdbc, "page");
    long confirmed = notice(jdbc, "confirmed");
    delivery(jdbc, page, "staff+tom", "tom@incidentflow.local", "SENT");
    delivery(jdbc, page, "staff+ivy", "ivy@incidentflow.local", "PENDING");
    delivery(jdbc, confirmed, "acme", "ops@acme.example", "FAILED");

    migrate(dataSource, "latest");

    assertThat(jdbc.sql("SELECT mail_key, recipient_kind FROM outbox_mail ORDER BY id")
        .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list())
        .containsExactly("page=STAFF", "confirmed=CUSTOMER");
    assertThat(jdbc.sql("SELECT recipient_id, status FROM outbox_delivery ORDER BY recipient_id")
        .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list())
        .containsExactly("acme=FAILED", "ivy=PENDING", "tom=SENT");
    // The unique key moved with the columns: the same recipient cannot get the same mail twice.
    assertThat(jdbc.sql("""
            INSERT INTO outbox_delivery (mail_id, recipient_id, email, recipient_name, status, next_attempt_at)
            SELECT :mail, 'tom', 'tom@incidentflow.local', 'Tom', 'PENDING', CURRENT_TIMESTAMP
            WHERE NOT EXISTS (SELECT 1 FROM outbox_delivery WHERE mail_id = :mail AND recipient_id = 'tom')""")
        .param("mail", page).update()).isZero();
  }

  private static DataSource freshDatabase(String database) throws SQLException {
    if (database.equals("h2")) {
      return new DriverManagerDataSource("jdbc:h2:mem:outbox-migration;DB_CLOSE_DELAY=-1", "sa", "");
    }
    return PostgresTestDatabase.freshDatabase("outbox_migration");
  }


  private static void migrate(DataSource dataSource, String target) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
  }

  private static long notice(JdbcClient jdbc, String key) {
    jdbc.sql("""
        INSERT INTO notice (incident_id, notice_key, template, subject, model, created_at)
        VALUES ('INC-2026-0001', :key, 'oncall-page', 'subject', '{}', CURRENT_TIMESTAMP)""").param("key", key).update();
    return jdbc.sql("SELECT id FROM notice WHERE notice_key = :key").param("key", key).query(Long.class).single();
  }

  private static void delivery(JdbcClient jdbc, long notice, String recipient, String email, String status) {
    jdbc.sql("""
            INSERT INTO notice_delivery (notice_id, customer_id, email, recipient_name, status, next_attempt_at)
            VALUES (:notice, :recipient, :email, :recipient, :status, CURRENT_TIMESTAMP)""")
        .params(Map.of("notice", notice, "recipient", recipient, "email", email, "status", status)).update();
  }

}
