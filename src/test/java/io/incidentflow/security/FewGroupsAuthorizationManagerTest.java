package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Outside any command: had it asked the database which groups hold grants, it would have failed here. */
class FewGroupsAuthorizationManagerTest {

  @Test
  void shouldHandOverAFewGroupsAsTheyAreWithoutAskingTheDatabase() {
    assertThat(new FewGroupsAuthorizationManager().filterAuthenticatedGroupIds(
        List.of("technicians", "database", "technicians"))).containsExactly("technicians", "database");
  }

  @Test
  void shouldHandOverNoGroupsAsNone() {
    assertThat(new FewGroupsAuthorizationManager().filterAuthenticatedGroupIds(List.of())).isEmpty();
    assertThat(new FewGroupsAuthorizationManager().filterAuthenticatedGroupIds(null)).isEmpty();
  }
}
