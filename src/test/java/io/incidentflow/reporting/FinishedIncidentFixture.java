package io.incidentflow.reporting;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finished incidents in bulk, cloned in SQL from a few real ones that ran through the engine: every row of their
 * history (each {@code ACT_HI_*} table and the history's byte arrays, called processes included: the rows whose
 * {@code ROOT_PROC_INST_ID_} is the incident's instance) and of IncidentFlow's tables (the incident, its SLA clocks,
 * breaches, alerts, pages, mails and their deliveries, public updates). So the fixture has the real shape of the
 * history, not a guess at it. Clone n gets new ids (its number and the template's id hashed), its own opening time (spread
 * evenly at random over the span), service, severity and speed: every time is moved to the new opening time and
 * its distance from the opening scaled by a factor from 0.25 to 4, so response times differ from clone to clone.
 * PostgreSQL only.
 */
final class FinishedIncidentFixture {

  /** Instance-scoped ids in Camunda's history tables; definition, user, group and tenant ids are kept. */
  static final Set<String> INSTANCE_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
      "act_inst_id_", "parent_act_inst_id_", "task_id_", "parent_task_id_", "call_proc_inst_id_",
      "super_process_instance_id_", "bytearray_id_", "var_inst_id_", "dec_inst_id_", "root_dec_inst_id_",
      "operation_id_", "job_id_", "job_exception_stack_id_", "error_details_id_", "ext_task_id_",
      "cause_incident_id_", "root_cause_incident_id_", "history_configuration_");
  /** Tables of IncidentFlow without an incident_id column of their own, or rows that belong to open incidents. */
  static final Set<String> NOT_CLONED = Set.of("open_alert", "outbox_delivery", "incident", "flyway_schema_history");
  static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV3", "SEV4", "SEV4", "SEV4"};

  private final JdbcClient jdbc;
  private final Instant spanStart;
  private final Duration span;
  private final List<String> services;
  /** The history's clone statements, largest first, run two at a time; then IncidentFlow's, in order. */
  private final Map<String, String> historyStatements = new LinkedHashMap<>();
  private final Map<String, String> ownStatements = new LinkedHashMap<>();
  private int templates;

  FinishedIncidentFixture(JdbcClient jdbc, Instant spanStart, Duration span, List<String> services) {
    this.jdbc = jdbc;
    this.spanStart = spanStart;
    this.span = span;
    this.services = services;
  }

  /** Takes these finished incidents as the templates, and prepares one clone statement per table. */
  void useTemplates(List<String> incidentIds) {
    templates = incidentIds.size();
    for (String table : jdbc.sql("SELECT tablename FROM pg_tables WHERE tablename LIKE 'bench\\_%'")
        .query(String.class).list()) {
      jdbc.sql("DROP TABLE " + table).update();
    }
    jdbc.sql("""
        CREATE UNLOGGED TABLE bench_template (t INT PRIMARY KEY, incident_id VARCHAR(32), root_id VARCHAR(64),
          anchor_ts TIMESTAMP, anchor_tz TIMESTAMPTZ)""").update();
    jdbc.sql("""
        CREATE UNLOGGED TABLE bench_clone (n INT PRIMARY KEY, t INT, new_id VARCHAR(32), prefix VARCHAR(16),
          open_ts TIMESTAMP, open_tz TIMESTAMPTZ, factor FLOAT8, service VARCHAR(64), severity VARCHAR(8))""").update();
    for (int t = 0; t < templates; t++) {
      int rows = jdbc.sql("""
          INSERT INTO bench_template
          SELECT :t, i.id, p.proc_inst_id_, p.start_time_, i.opened_at
          FROM incident i JOIN act_hi_procinst p ON p.proc_inst_id_ = i.process_instance_id
          WHERE i.id = :id AND p.end_time_ IS NOT NULL""").param("t", t).param("id", incidentIds.get(t)).update();
      if (rows != 1) {
        throw new IllegalStateException("Template " + incidentIds.get(t) + " is not a finished incident");
      }
    }
    // the incident's instance and the SLA escalations it started (own instances, same business key)
    jdbc.sql("""
        CREATE UNLOGGED TABLE bench_root AS SELECT tp.t, p.proc_inst_id_ AS root_id
        FROM bench_template tp JOIN act_hi_procinst p ON p.business_key_ = tp.incident_id
        WHERE p.proc_inst_id_ = p.root_proc_inst_id_""").update();
    Map<String, String> history = new LinkedHashMap<>();
    for (String table : historyTables()) {
      history.put(table, historyClone(table));
    }
    history.keySet().stream().sorted(Comparator.comparing((String table) ->
            jdbc.sql("SELECT count(*) FROM bench_t_" + table).query(Long.class).single()).reversed())
        .forEach(table -> historyStatements.put(table, history.get(table)));
    ownStatements.put("incident", incidentClone());
    for (String table : incidentTables()) {
      ownStatements.put(table, incidentRowsClone(table));
      if (table.equals("outbox_mail")) {
        ownStatements.put("outbox_delivery", deliveriesClone());
      }
    }
    for (String table : historyStatements.keySet()) {
      // Generation only: no WAL for the history's gigabytes (reads are the same; the tables the application's
      // own tables refer to, act_ge_bytearray, cannot be unlogged)
      if (table.startsWith("act_hi_")) {
        jdbc.sql("ALTER TABLE " + table + " SET UNLOGGED").update();
      }
    }
    // the benchmark ANALYZEs after each size; an autovacuum of gigabytes of new rows would run into its timings
    for (String table : Stream.concat(historyStatements.keySet().stream(), ownStatements.keySet().stream()).toList()) {
      jdbc.sql("ALTER TABLE " + table + " SET (autovacuum_enabled = false)").update();
    }
  }

  /** Adds clones {@code from} (inclusive) to {@code to} (exclusive); returns the rows written per table. */
  Map<String, Long> addClones(int from, int to) {
    jdbc.sql("TRUNCATE bench_clone").update();
    String services = this.services.stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
    String severities = java.util.Arrays.stream(SEVERITIES).map(s -> "'" + s + "'").collect(Collectors.joining(","));
    // 2654435761 (Knuth's multiplicative hash) scatters consecutive clones over the whole span
    jdbc.sql("INSERT INTO bench_clone (n, t, new_id, prefix, open_tz, factor, service, severity)"
        + " SELECT n, n % :templates, 'INC-B' || lpad(n::text, 7, '0'), 'B' || lpad(n::text, 7, '0') || '-',"
        + " CAST(:start AS TIMESTAMPTZ) + ((n::bigint * 2654435761) % :spanSeconds) * INTERVAL '1 second',"
        // g: the group of one clone per template, so that speed, service and severity do not follow the template
        + " 0.25 + (g % 16) / 4.0,"
        + " (ARRAY[" + services + "])[1 + (g * 3 + n) % " + this.services.size() + "],"
        + " (ARRAY[" + severities + "])[1 + (g * 7 + n) % " + SEVERITIES.length + "]"
        + " FROM generate_series(:from, :to - 1) n, LATERAL (SELECT n / :templates AS g) grouped")
        .param("templates", templates).param("start", Timestamp.from(spanStart))
        .param("spanSeconds", span.toSeconds()).param("from", from).param("to", to).update();
    // the engine's TIMESTAMP columns hold the JVM's local time, which is this JDBC session's time zone
    jdbc.sql("UPDATE bench_clone SET open_ts = open_tz::timestamp").update();
    jdbc.sql("ANALYZE bench_clone").update();
    Map<String, Long> rows = new ConcurrentHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> history = historyStatements.entrySet().stream()
          .<Future<?>>map(table -> workers.submit(() -> rows.put(table.getKey(), (long) jdbc.sql(table.getValue()).update())))
          .toList();
      ownStatements.forEach((table, sql) -> rows.put(table, (long) jdbc.sql(sql).update()));
      for (Future<?> done : history) {
        done.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("Cloning incidents " + from + " to " + to + " failed", e);
    } finally {
      workers.shutdownNow();
    }
    return rows;
  }

  private List<String> historyTables() {
    return jdbc.sql("""
        SELECT c.table_name FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.column_name = 'root_proc_inst_id_'
          AND (c.table_name LIKE 'act\\_hi\\_%' OR c.table_name = 'act_ge_bytearray')
        ORDER BY c.table_name""").query(String.class).list();
  }

  private List<String> incidentTables() {
    return jdbc.sql("""
        SELECT c.table_name FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.column_name = 'incident_id'
          AND c.table_name NOT LIKE 'act\\_%' AND c.table_name NOT LIKE 'bench\\_%'
        ORDER BY c.table_name""").query(String.class).list().stream()
        .filter(table -> !NOT_CLONED.contains(table)).toList();
  }

  private record Column(String name, String type, boolean identity) {}

  private List<Column> columns(String table) {
    return jdbc.sql("""
        SELECT column_name, data_type, is_identity = 'YES' AS identity FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position""")
        .param("table", table)
        .query((rs, row) -> new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
  }

  private String historyClone(String table) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> hashed = new ArrayList<>();
    for (Column column : columns(table)) {
      names.add(column.name());
      if (INSTANCE_IDS.contains(column.name()) && column.type().equals("character varying")) {
        hashed.add(column.name());
      }
      values.add(switch (column.name()) {
        case "business_key_" -> "CASE WHEN r.business_key_ IS NULL THEN NULL ELSE c.new_id END";
        case "duration_" -> "(r.duration_ * c.factor)::bigint";
        // removal time: the end plus the time to live, which does not scale
        case "removal_time_" -> "c.open_ts + (r.removal_time_ - tp.anchor_ts)";
        default -> hashed.contains(column.name()) ? cloneId("r." + column.name()) : moved(column);
      });
    }
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + from(table, "br.t", "FROM " + table + " r JOIN bench_root br ON r.root_proc_inst_id_ = br.root_id",
            hashed);
  }

  private String incidentClone() {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column column : columns("incident")) {
      names.add(column.name());
      values.add(switch (column.name()) {
        case "id" -> "c.new_id";
        case "process_instance_id" -> cloneId("r.process_instance_id");
        case "service_id" -> "c.service";
        case "severity" -> "c.severity";
        default -> moved(column);
      });
    }
    return "INSERT INTO incident (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + from("incident", "tp.t", "FROM incident r JOIN bench_template tp ON r.id = tp.incident_id",
            List.of("process_instance_id"));
  }

  /**
   * Rows of the incident's own tables. Generated ids are left to the database, except a mail's: its deliveries
   * (cloned with it) must name the clone's mail, so the clone's mail id is computed from the template's.
   */
  private String incidentRowsClone(String table) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column column : columns(table)) {
      if (column.identity() && !table.equals("outbox_mail")) {
        continue;
      }
      names.add(column.name());
      values.add(switch (column.name()) {
        case "incident_id" -> "c.new_id";
        case "id" -> mailId("r.id");
        default -> moved(column);
      });
    }
    String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + from(table, "tp.t", "FROM " + table + " r JOIN bench_template tp ON r.incident_id = tp.incident_id",
            List.of());
    return sql;
  }

  private String deliveriesClone() {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column column : columns("outbox_delivery")) {
      if (column.identity()) {
        continue;
      }
      names.add(column.name());
      values.add(column.name().equals("mail_id") ? mailId("r.mail_id") : moved(column));
    }
    return "INSERT INTO outbox_delivery (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + from("outbox_delivery", "tp.t", "FROM outbox_delivery r JOIN outbox_mail m ON m.id = r.mail_id"
            + " JOIN bench_template tp ON m.incident_id = tp.incident_id", List.of());
  }

  /**
   * The templates' rows of the table, copied aside once ({@code templateRows} selects them as {@code r} with their
   * template number) with their instance ids already hashed, so that each batch reads a few hundred rows instead of
   * searching the growing table and hashes nothing; and the clause that joins them to the batch's clones.
   */
  private String from(String table, String template, String templateRows, List<String> hashedIds) {
    jdbc.sql("CREATE UNLOGGED TABLE bench_t_" + table + " AS SELECT r.*, " + template + " AS bench_t " + templateRows)
        .update();
    for (String id : hashedIds) {
      jdbc.sql("UPDATE bench_t_" + table + " SET " + id + " = md5(" + id + ")").update();
    }
    return " FROM bench_t_" + table + " r JOIN bench_template tp ON tp.t = r.bench_t JOIN bench_clone c ON c.t = tp.t";
  }

  /**
   * The clone's id for a template's: the clone's number, then the template's id hashed (activity instance ids,
   * "Task_EscalateAcknowledgeSla:" and a UUID, leave no room for more in 64 characters; the same hash wherever it is
   * referred to). Led by the clone's number so that a batch appends to the id indexes instead of splitting pages
   * all over them.
   */
  private static String cloneId(String hashedTemplateId) {
    return "c.prefix || " + hashedTemplateId;
  }

  /** Far above the ids the application hands out, one block of 1,000 per clone. */
  private static String mailId(String templateId) {
    return "1000000000 + c.n::bigint * 1000 + " + templateId;
  }

  /** A time moved to the clone's opening and its distance from the opening scaled; anything else as it was. */
  private static String moved(Column column) {
    String name = "r." + column.name();
    return switch (column.type().toLowerCase(Locale.ROOT)) {
      case "timestamp without time zone" -> "c.open_ts + (" + name + " - tp.anchor_ts) * c.factor";
      case "timestamp with time zone" -> "c.open_tz + (" + name + " - tp.anchor_tz) * c.factor";
      default -> name;
    };
  }
}
