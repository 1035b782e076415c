package io.incidentflow.incident;

import io.incidentflow.platform.Databases;
import java.time.Clock;
import java.time.Year;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Hands out incident ids such as {@code INC-2026-0042}. The number comes from a database sequence, so two
 * nodes on one database never hand out the same id, and a rolled-back start only leaves a gap.
 */
@Component
public class IncidentIdGenerator {

  static final String SEQUENCE = "incident_number_seq";

  private final DataFieldMaxValueIncrementer sequence;
  private final Clock clock;

  public IncidentIdGenerator(DataSource dataSource, Clock clock) {
    this.sequence = incrementerFor(dataSource);
    this.clock = clock;
  }

  public String nextId() {
    return format(Year.now(clock).getValue(), sequence.nextLongValue());
  }

  static String format(int year, long number) {
    return String.format("INC-%d-%04d", year, number);
  }

  private static DataFieldMaxValueIncrementer incrementerFor(DataSource dataSource) {
    String product = Databases.productName(dataSource);
    return switch (DatabaseDriver.fromProductName(product)) {
      case POSTGRESQL -> new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE);
      case H2 -> new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
      default -> throw new IllegalStateException("IncidentFlow supports PostgreSQL and H2, not " + product);
    };
  }
}
