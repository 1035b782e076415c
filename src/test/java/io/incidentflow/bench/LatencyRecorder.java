package io.incidentflow.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, in an HdrHistogram rather than an array of every sample: its memory does not grow with
 * the count, and any number of threads may record into one recorder at once. Three significant digits: a reported
 * figure is within 0.1 % of the exact one.
 */
public final class LatencyRecorder {

  private final Histogram histogram = new ConcurrentHistogram(3);

  public void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("negative latency: " + nanos + " ns");
    }
    histogram.recordValue(nanos);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /**
   * Nearest rank, as the benchmarks have always reported: the smallest recorded value with at least
   * {@code percentile} % of all values at or below it; 0 when nothing was recorded.
   */
  public double percentileMillis(double percentile) {
    return millis(histogram.getValueAtPercentile(percentile));
  }

  public double maxMillis() {
    return millis(histogram.getMaxValue());
  }

  public double meanMillis() {
    return count() == 0 ? Double.NaN : histogram.getMean() / 1e6;
  }

  /** The figures of a phase that took {@code elapsedNanos} of wall-clock time. */
  public Summary summary(long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    return new Summary(count(), seconds, count() / seconds, percentileMillis(50), percentileMillis(95),
        percentileMillis(99), maxMillis());
  }

  /** Operations recorded, wall-clock seconds, operations per second, percentiles and max in ms. */
  public record Summary(long count, double seconds, double perSecond, double p50, double p95, double p99,
      double max) {}

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
