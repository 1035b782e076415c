package io.incidentflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** The arithmetic of the reports, apart from the queries so that it is tested without a database. */
public final class ReportMath {

  private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

  private ReportMath() {}

  /** Whole seconds from one instant to a later one (truncated, as PagerDuty's seconds to ack and to resolve). */
  static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toSeconds());
  }

  /** The arithmetic mean, to one decimal (half up); null for no value. */
  static BigDecimal mean(long[] values) {
    if (values.length == 0) {
      return null;
    }
    long sum = 0;
    for (long value : values) {
      sum += value;
    }
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(values.length), 1, RoundingMode.HALF_UP);
  }

  /**
   * The 90th percentile by nearest rank: the smallest value that at least 90 % of the values do not exceed, the
   * ⌈0.9·n⌉-th of the values in ascending order (a value that occurred, never interpolated); null for no value.
   */
  static Long p90(long[] values) {
    if (values.length == 0) {
      return null;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (9 * sorted.length + 9) / 10; // ⌈9n/10⌉ in integers, no floating point
    return sorted[rank - 1];
  }

  /** Seconds as minutes with two decimals (half up). */
  public static BigDecimal minutes(long seconds) {
    return BigDecimal.valueOf(seconds).divide(SIXTY, 2, RoundingMode.HALF_UP);
  }

  /**
   * Downtime cost = downtime minutes × cost per minute, from the exact seconds (not the rounded minutes), to two
   * decimals (half up); null when the service has no cost per minute.
   */
  public static BigDecimal cost(long downtimeSeconds, BigDecimal costPerMinute) {
    if (costPerMinute == null) {
      return null;
    }
    return costPerMinute.multiply(BigDecimal.valueOf(downtimeSeconds)).divide(SIXTY, 2, RoundingMode.HALF_UP);
  }
}
