package io.incidentflow.routing.haproxy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One SERVER row of {@code show stat}. FRONTEND, BACKEND and listener rows are left out: their
 * {@code act}/{@code bck} columns count servers instead of flagging one, which would make {@link #active()} and
 * {@link #backup()} mean something else. Columns are looked up by the CSV header
 * ({@code # pxname,svname,...}).
 *
 * @param proxyName {@code pxname}, the backend
 * @param serverName {@code svname}
 * @param status e.g. {@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}, {@code MAINT (via app/primary)},
 *     {@code no check}, or a transition such as {@code UP 1/3}
 * @param weight the effective weight; note that it stays unchanged in DRAIN on HAProxy 2.6, so it is no drain signal
 * @param active {@code act} == 1: an active (non-backup) server. It is a role, not "currently taking traffic":
 *     it stays 1 in DRAIN and MAINT
 * @param backup {@code bck} == 1: declared {@code backup}
 */
public record StatRow(
    String proxyName, String serverName, String status, int weight, boolean active, boolean backup) {

  /** {@code type} column value of a server row (0 frontend, 1 backend, 2 server, 3 listener). */
  private static final String TYPE_SERVER = "2";

  /**
   * Parses a whole {@code show stat} reply, keeping only server rows.
   *
   * @throws IllegalArgumentException if the text is not such a CSV dump or lacks a required column
   */
  public static List<StatRow> parseAll(String csv) {
    if (csv == null) {
      throw new IllegalArgumentException("Not a 'show stat' reply: null");
    }
    List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
      throw new IllegalArgumentException("Not a 'show stat' reply (no '# pxname,svname,...' header): " + csv.strip());
    }
    List<String> header = splitCsv(lines.get(0).substring(1).strip());
    int proxy = column(header, "pxname");
    int server = column(header, "svname");
    int status = column(header, "status");
    int weight = column(header, "weight");
    int act = column(header, "act");
    int bck = column(header, "bck");
    int type = header.indexOf("type");

    List<StatRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("#")) {
        continue;
      }
      List<String> fields = splitCsv(line);
      if (fields.size() <= Math.max(Math.max(proxy, server), Math.max(Math.max(status, weight), Math.max(act, bck)))) {
        throw new IllegalArgumentException("'show stat' row is shorter than its header: " + line);
      }
      boolean serverRow = type >= 0 && type < fields.size()
          ? TYPE_SERVER.equals(fields.get(type))
          : !"FRONTEND".equals(fields.get(server)) && !"BACKEND".equals(fields.get(server));
      if (!serverRow) {
        continue;
      }
      rows.add(new StatRow(
          fields.get(proxy),
          fields.get(server),
          fields.get(status),
          fields.get(weight).isEmpty() ? 0 : Integer.parseInt(fields.get(weight)),
          "1".equals(fields.get(act)),
          "1".equals(fields.get(bck))));
    }
    return List.copyOf(rows);
  }

  private static int column(List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("'show stat' header has no column " + name);
    }
    return index;
  }

  /** Splits one CSV line; HAProxy double-quotes free-text fields that contain a comma or a quote. */
  static List<String> splitCsv(String line) {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of("") : records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("'show stat' row is not CSV: " + line, e);
    }
  }
}
