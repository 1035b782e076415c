package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which keys are worth a try on the grouped repeat path: the ones seen held lately, within a bound. */
class RepeatWriterTest {

  @Test
  void shouldRememberKeysSeenHeldAndForgetThemPastItsBound() {
    RepeatWriter writer = new RepeatWriter(null);
    for (int i = 0; i < RepeatWriter.HELD_KEYS; i++) {
      writer.held("key-" + i);
    }
    writer.held("key-0");
    assertThat(writer.heldLately("key-0")).isTrue();
    assertThat(writer.heldLately("key-" + (RepeatWriter.HELD_KEYS - 1))).isTrue();
    assertThat(writer.heldLately("never seen")).isFalse();

    writer.held("one more");

    assertThat(writer.heldLately("one more")).isTrue();
    assertThat(writer.heldLately("key-0")).isFalse();
  }
}
