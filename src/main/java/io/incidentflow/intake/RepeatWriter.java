package io.incidentflow.intake;

import io.incidentflow.intake.AlertRepository.Repeat;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Stores repeats of firing alerts a group at a time (a group commit). In a storm of re-sends many request threads
 * hold a repeat at once: while {@value #WRITERS} of them run their statements, the others wait, and when one is done
 * the first that waits stores all that wait in one statement. The database wakes once per group instead of once per
 * repeat. Each request still waits for its own repeat: an answer to monitoring means its row is in the database.
 * Nothing waits to fill a group, and no other thread is involved: a repeat that comes while fewer statements run is
 * written at once by its own request. Two statements, not one: a statement slowed down (a page of the table to
 * extend, a backend that waits for a core) must not hold up every alert behind it.
 */
@Component
class RepeatWriter {

  /** Repeats in one statement at most: ten parameters each, far below any driver's limit. */
  static final int MAX_GROUP = 64;
  /** Statements that may run at once. */
  static final int WRITERS = 2;
  /** Keys remembered as held at most: a storm has a few; tens of thousands of distinct problems at once are not. */
  static final int HELD_KEYS = 10_000;

  private final AlertRepository alerts;
  private final ReentrantLock lock = new ReentrantLock();
  /**
   * Guarded by the lock: requests writing a group, and the repeats that wait for the next. Repeats wait only while
   * all {@link #WRITERS} write; a writer that is done hands its place to the first of them.
   */
  private int writing;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  /**
   * Keys this node saw held by an open incident lately. Read by every alert, so without a lock: an access-ordered
   * map behind one cost a duplicate a quarter more CPU (BENCHMARKS.md, fifth session).
   */
  private final Map<String, Boolean> heldLately = new ConcurrentHashMap<>();
  private final LongAdder statements = new LongAdder();
  private final LongAdder repeats = new LongAdder();

  RepeatWriter(AlertRepository alerts) {
    this.alerts = alerts;
  }

  /**
   * Whether this node saw an open incident hold the key lately: only then is an alert likely a repeat, worth a try
   * here. A hint, never an answer: a key held elsewhere, or forgotten, takes the full path, which finds it held; a
   * key released meanwhile stores nothing here. New problems save the statement that would find nothing.
   */
  boolean heldLately(String dedupKey) {
    return heldLately.containsKey(dedupKey);
  }

  /**
   * The key is held by an open incident (the full path opened or joined one for it). Past the bound, all keys are
   * forgotten: the next repeat of each takes the full path once and is remembered again.
   */
  void held(String dedupKey) {
    if (heldLately.size() >= HELD_KEYS && !heldLately.containsKey(dedupKey)) {
      heldLately.clear();
    }
    heldLately.put(dedupKey, Boolean.TRUE);
  }

  /**
   * Stores the repeat if an open incident holds its key and the key still fires, and returns that incident; empty
   * when nothing was stored (see {@link AlertRepository#storeRepeats}). A database error is thrown as the
   * repository threw it.
   */
  Optional<String> storeRepeat(Alert alert, Instant receivedAt) {
    Pending mine = new Pending(new Repeat(alert, receivedAt));
    boolean writeNow;
    lock.lock();
    try {
      writeNow = writing < WRITERS;
      if (writeNow) {
        writing++;
      } else {
        waiting.add(mine);
      }
    } finally {
      lock.unlock();
    }
    if (!writeNow) {
      // Woken when a group with this repeat was written, or when this request is next to write one.
      mine.turn.join();
    }
    if (!mine.result.isDone()) {
      writeGroupWith(mine);
    }
    try {
      return mine.result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Writes this request's repeat with all that wait, then hands its place on to the next that waits, if any. */
  private void writeGroupWith(Pending mine) {
    List<Pending> group = new ArrayList<>();
    group.add(mine);
    Pending next;
    lock.lock();
    try {
      while (group.size() < MAX_GROUP && !waiting.isEmpty()) {
        group.add(waiting.poll());
      }
    } finally {
      lock.unlock();
    }
    try {
      write(group);
    } catch (Throwable e) {
      // Whatever went wrong, no request of the group may wait for ever.
      group.forEach(pending -> pending.result.completeExceptionally(e));
    } finally {
      group.forEach(pending -> pending.turn.complete(null));
      lock.lock();
      try {
        next = waiting.poll();
        if (next == null) {
          writing--;
        }
      } finally {
        lock.unlock();
      }
      if (next != null) {
        next.turn.complete(null);
      }
    }
  }

  /**
   * One statement for the group. When it fails, one repeat may be the cause (a value too long for its column):
   * each is then written alone, so that only that one fails, and the others are stored.
   */
  void write(List<Pending> group) {
    try {
      Map<String, String> stored = alerts.storeRepeats(group.stream().map(Pending::repeat).toList());
      statements.increment();
      repeats.add(group.size());
      group.forEach(pending -> pending.result.complete(
          Optional.ofNullable(stored.get(pending.repeat.alert().dedupKey()))));
    } catch (RuntimeException e) {
      if (group.size() == 1) {
        group.get(0).result.completeExceptionally(e);
        return;
      }
      group.forEach(pending -> write(List.of(pending)));
    }
  }

  /** Statements that stored repeats so far, and the repeats in them: how well grouping works. */
  long statements() {
    return statements.sum();
  }

  long repeats() {
    return repeats.sum();
  }

  /** Repeats waiting for a request to write them. */
  int queued() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** A repeat, its request's answer, and the signal that wakes its request. */
  record Pending(Repeat repeat, CompletableFuture<Optional<String>> result, CompletableFuture<Void> turn) {
    Pending(Repeat repeat) {
      this(repeat, new CompletableFuture<>(), new CompletableFuture<>());
    }
  }
}
