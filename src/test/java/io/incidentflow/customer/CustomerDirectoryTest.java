package io.incidentflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** The directory's queries on the schema Flyway builds, without the engine or the web layer. */
@JdbcTest
@Import(CustomerDirectory.class)
class CustomerDirectoryTest {

  @Autowired CustomerDirectory directory;

  @BeforeEach
  void customers() {
    directory.save(new CustomerDirectory.Entry("both", "Both Ltd", "ops@both.example", List.of("slice-a", "slice-b")));
    directory.save(new CustomerDirectory.Entry("only-a", "Only A", "ops@a.example", List.of("slice-a")));
    directory.save(new CustomerDirectory.Entry("quiet", "Quiet Inc", "ops@quiet.example", List.of("slice-b")));
    directory.save(new CustomerDirectory.Entry("elsewhere", "Elsewhere", "ops@else.example", List.of("slice-c")));
    directory.optOutOfUpdates("quiet");
  }

  @Test
  void shouldListEachSubscriberOfTheAffectedServicesOnce() {
    assertThat(directory.subscribersOf(List.of("slice-a", "slice-b"), false)).extracting(Customer::id)
        .containsExactly("both", "only-a", "quiet");
  }

  @Test
  void shouldLeaveCustomersWhoOptedOutOutOfPeriodicUpdatesOnly() {
    assertThat(directory.subscribersOf(List.of("slice-b"), true)).extracting(Customer::id).containsExactly("both");
    assertThat(directory.subscribersOf(List.of("slice-b"), false)).extracting(Customer::id)
        .containsExactly("both", "quiet");
  }

  @Test
  void shouldFindNobodyForNoService() {
    assertThat(directory.subscribersOf(List.of(), false)).isEmpty();
  }
}
