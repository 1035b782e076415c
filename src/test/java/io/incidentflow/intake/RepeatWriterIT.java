package io.incidentflow.intake;

import static io.incidentflow.intake.AlertRepositoryIT.OPENED;
import static io.incidentflow.intake.AlertRepositoryIT.REPEATED;
import static io.incidentflow.intake.AlertRepositoryIT.alert;
import static io.incidentflow.intake.AlertRepositoryIT.alertRows;
import static io.incidentflow.intake.AlertRepositoryIT.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.incidentflow.intake.AlertRepository.Repeat;
import io.incidentflow.intake.AlertRepositoryIT.Fixture;
import io.incidentflow.intake.RepeatWriter.Pending;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;

/**
 * Repeats that arrive together are stored in one statement, each request still gets its own answer, and one bad
 * repeat fails alone: on H2 and on PostgreSQL, with concurrent requests.
 */
class RepeatWriterIT {

  @Test
  void shouldStoreTheRepeatsThatArriveWhileAStatementRunsInTheNextStatementTogether() throws Exception {
    Fixture db = diskFullHeldByAnIncident("postgres", "writer_group");
    RepeatWriter writer = new RepeatWriter(db.alerts());

    List<Optional<String>> answers = sixRepeatsBehindAHeldStatement(db, writer);

    assertThat(answers).containsOnly(Optional.of("INC-2026-0001")).hasSize(6);
    // The two held, then the four that waited: all four in one statement, or in two when both held ones, done at
    // the same moment, each handed its place to one of them.
    assertThat(writer.statements()).isBetween(3L, 4L);
    assertThat(writer.repeats()).isEqualTo(6);
    assertThat(alertRows(db)).isEqualTo(6);
  }

  /**
   * The first two repeats' statements are held by a lock on the alert table until four more wait behind them; then
   * the lock is let go. Returns the six answers.
   */
  private static List<Optional<String>> sixRepeatsBehindAHeldStatement(Fixture db, RepeatWriter writer)
      throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(6);
    List<Future<Optional<String>>> answers = new ArrayList<>();
    try (Connection lock = db.dataSource().getConnection(); Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE alert IN EXCLUSIVE MODE");
      for (int i = 0; i < 6; i++) {
        String summary = "repeat " + i;
        answers.add(requests.submit(() -> writer.storeRepeat(alert("disk-full", summary, false), REPEATED)));
        if (i == RepeatWriter.WRITERS - 1) {
          await().atMost(Duration.ofSeconds(10)).until(() -> db.jdbc().sql("SELECT COUNT(*) FROM pg_stat_activity "
              + "WHERE wait_event_type = 'Lock' AND datname = current_database()").query(Long.class).single() == RepeatWriter.WRITERS);
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> writer.queued() == 6 - RepeatWriter.WRITERS);
      lock.commit();
    }
    List<Optional<String>> results = new ArrayList<>();
    for (Future<Optional<String>> answer : answers) {
      results.add(answer.get(30, TimeUnit.SECONDS));
    }
    requests.shutdown();
    return results;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldStoreEveryRepeatOfManyConcurrentRequestsExactlyOnce(String database) throws Exception {
    Fixture db = diskFullHeldByAnIncident(database, "writer_concurrent");
    RepeatWriter writer = new RepeatWriter(db.alerts());
    ExecutorService requests = Executors.newFixedThreadPool(8);
    List<Future<Optional<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Every fourth one for a key nobody holds: its request must hear so, whatever it was grouped with.
      String key = i % 4 == 3 ? "cpu-hot" : "disk-full";
      answers.add(requests.submit(() -> writer.storeRepeat(alert(key, "again", false), REPEATED)));
    }

    long correlated = 0;
    for (int i = 0; i < answers.size(); i++) {
      Optional<String> answer = answers.get(i).get();
      assertThat(answer).as("answer %d", i).isEqualTo(i % 4 == 3 ? Optional.empty() : Optional.of("INC-2026-0001"));
      correlated += answer.isPresent() ? 1 : 0;
    }
    assertThat(alertRows(db)).isEqualTo(correlated).isEqualTo(300);
    assertThat(writer.repeats()).isEqualTo(400);
    requests.shutdown();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void shouldFailOnlyTheRepeatThatIsTooLongForItsColumnAndStoreTheRestOfItsGroup(String database) throws Exception {
    Fixture db = diskFullHeldByAnIncident(database, "writer_too_long");
    RepeatWriter writer = new RepeatWriter(db.alerts());
    Pending good = pending("disk-full", "worse");
    Pending tooLong = pending("disk-full", "x".repeat(1025));
    Pending free = pending("cpu-hot", "a key nobody holds");

    writer.write(List.of(good, tooLong, free));

    assertThat(good.result().get()).contains("INC-2026-0001");
    assertThat(free.result().get()).isEmpty();
    assertThatThrownBy(() -> tooLong.result().join()).hasCauseInstanceOf(DataAccessException.class);
    assertThat(alertRows(db)).isEqualTo(1);
  }

  /** A database in which INC-2026-0001 holds the key disk-full. */
  private static Fixture diskFullHeldByAnIncident(String database, String name) throws Exception {
    Fixture db = fixture(database, name);
    db.alerts().claim(alert("disk-full", "first", false), "INC-2026-0001", OPENED);
    return db;
  }

  private static Pending pending(String key, String summary) {
    return new Pending(new Repeat(alert(key, summary, false), REPEATED));
  }
}
