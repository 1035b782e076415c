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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores repeats of firing alerts a group at a time (a group commit). A repeat that comes while no other is being
 * written is written at once by its own request. Repeats that come meanwhile wait, and one writer thread then stores
 * all that wait in one statement, and again, until none waits: in a storm of re-sends the database wakes once per
 * group instead of once per repeat, and the writer, busy, needs no waking between groups. Each request waits for its
 * own repeat: an answer to monitoring means its row is in the database. Nothing waits to fill a group.
 */
@Component
class RepeatWriter implements DisposableBean {

  /** Repeats in one statement at most: ten parameters each, far below any driver's limit. */
  static final int MAX_GROUP = 64;

  private final AlertRepository alerts;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writerTurn = lock.newCondition();
  // Guarded by the lock.
  /** A request or the writer thread is writing; a repeat that comes meanwhile waits. */
  private boolean writing;
  /** The writer thread is to write what waits. */
  private boolean writersTurn;
  private boolean stopped;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private Thread writer;

  private final LongAdder statements = new LongAdder();
  private final LongAdder repeats = new LongAdder();

  RepeatWriter(AlertRepository alerts) {
    this.alerts = alerts;
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
      writeNow = !writing;
      if (writeNow) {
        writing = true;
      } else {
        waiting.add(mine);
      }
    } finally {
      lock.unlock();
    }
    if (writeNow) {
      try {
        writeSafely(List.of(mine));
      } finally {
        handOver();
      }
    }
    try {
      return mine.result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * After a request wrote its own repeat: what came meanwhile goes to the writer thread, so that this request can
   * answer. Once the application stops, the request writes it itself.
   */
  private void handOver() {
    while (true) {
      List<Pending> group;
      lock.lock();
      try {
        if (waiting.isEmpty()) {
          writing = false;
          return;
        }
        if (!stopped) {
          if (writer == null) {
            writer = new Thread(this::writeWhenHandedOver, "alert-repeat-writer");
            writer.setDaemon(true);
            writer.start();
          }
          writersTurn = true;
          writerTurn.signal();
          return;
        }
        group = nextGroup();
      } finally {
        lock.unlock();
      }
      writeSafely(group);
    }
  }

  private void writeWhenHandedOver() {
    while (true) {
      List<Pending> group;
      lock.lock();
      try {
        while (!writersTurn) {
          if (stopped) {
            return;
          }
          writerTurn.awaitUninterruptibly();
        }
        if (waiting.isEmpty()) {
          writersTurn = false;
          writing = false;
          continue;
        }
        group = nextGroup();
      } finally {
        lock.unlock();
      }
      writeSafely(group);
    }
  }

  /** Under the lock. */
  private List<Pending> nextGroup() {
    List<Pending> group = new ArrayList<>(Math.min(waiting.size(), MAX_GROUP));
    while (group.size() < MAX_GROUP && !waiting.isEmpty()) {
      group.add(waiting.poll());
    }
    return group;
  }

  private void writeSafely(List<Pending> group) {
    try {
      write(group);
    } catch (Throwable e) {
      // Whatever went wrong, no request of the group may wait for ever.
      group.forEach(pending -> pending.result.completeExceptionally(e));
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

  /** Repeats waiting to be written. */
  int queued() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** The writer thread writes what waits, then ends; requests that come later write their own. */
  @Override
  public void destroy() throws InterruptedException {
    Thread running;
    lock.lock();
    try {
      stopped = true;
      writerTurn.signalAll();
      running = writer;
    } finally {
      lock.unlock();
    }
    if (running != null) {
      running.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /** A repeat and its request's answer. */
  record Pending(Repeat repeat, CompletableFuture<Optional<String>> result) {
    Pending(Repeat repeat) {
      this(repeat, new CompletableFuture<>());
    }
  }
}
