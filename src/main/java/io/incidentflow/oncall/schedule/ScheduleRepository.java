package io.incidentflow.oncall.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Schedules with their layers and members, and their overrides (tables of V12). */
@Repository
class ScheduleRepository {

  private record LayerRow(String scheduleId, int index, Layer layer) {}

  private record ScheduleRow(String id, String name, String zone) {}

  private final JdbcClient jdbc;

  ScheduleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Schedule> all() {
    return load(null);
  }

  Optional<Schedule> find(String id) {
    return load(id).stream().findFirst();
  }

  boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM oncall_schedule WHERE id = :id").param("id", id).query(Long.class).single() > 0;
  }

  /**
   * Locks the schedule's row until the transaction ends, so that two overrides checked for overlap at once are
   * stored one after the other.
   */
  boolean lock(String id) {
    return !jdbc.sql("SELECT id FROM oncall_schedule WHERE id = :id FOR UPDATE").param("id", id)
        .query(String.class).list().isEmpty();
  }

  /** Adds or replaces the schedule with its layers; its overrides stay. */
  void save(Schedule schedule) {
    int updated = jdbc.sql("UPDATE oncall_schedule SET name = :name, time_zone = :zone WHERE id = :id")
        .param("id", schedule.id()).param("name", schedule.name()).param("zone", schedule.zone().getId()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO oncall_schedule (id, name, time_zone) VALUES (:id, :name, :zone)")
          .param("id", schedule.id()).param("name", schedule.name()).param("zone", schedule.zone().getId()).update();
    }
    jdbc.sql("DELETE FROM oncall_layer WHERE schedule_id = :id").param("id", schedule.id()).update();
    for (int i = 0; i < schedule.layers().size(); i++) {
      Layer layer = schedule.layers().get(i);
      jdbc.sql("""
              INSERT INTO oncall_layer (schedule_id, layer_index, name, start_date, end_date, handoff_time, rotation)
              VALUES (:schedule, :index, :name, :start, :end, :handoff, :rotation)""")
          .param("schedule", schedule.id()).param("index", i).param("name", layer.name())
          .param("start", layer.start()).param("end", layer.end()).param("handoff", layer.handoff())
          .param("rotation", layer.rotation().toString()).update();
      for (int j = 0; j < layer.users().size(); j++) {
        jdbc.sql("""
                INSERT INTO oncall_layer_member (schedule_id, layer_index, member_index, user_id)
                VALUES (:schedule, :index, :member, :user)""")
            .param("schedule", schedule.id()).param("index", i).param("member", j)
            .param("user", layer.users().get(j)).update();
      }
    }
  }

  /** Deletes the schedule, its layers and its overrides. */
  boolean delete(String id) {
    return jdbc.sql("DELETE FROM oncall_schedule WHERE id = :id").param("id", id).update() > 0;
  }

  /** Ids of the schedules the user takes turns in or has an override in. */
  List<String> scheduleIdsOf(String userId) {
    return jdbc.sql("""
            SELECT schedule_id FROM oncall_layer_member WHERE user_id = :user
            UNION SELECT schedule_id FROM oncall_override WHERE user_id = :user
            ORDER BY 1""")
        .param("user", userId).query(String.class).list();
  }

  ScheduleOverride add(ScheduleOverride override) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO oncall_override (schedule_id, user_id, covering, starts_at, ends_at)
            VALUES (:schedule, :user, :covering, :from, :to)""")
        .param("schedule", override.scheduleId()).param("user", override.user()).param("covering", override.covering())
        .param("from", Timestamp.from(override.from())).param("to", Timestamp.from(override.to()))
        .update(keys, "id");
    return new ScheduleOverride(keys.getKey().longValue(), override.scheduleId(), override.user(), override.from(),
        override.to(), override.covering());
  }

  /** The schedule's overrides that overlap [from, to), by start. */
  List<ScheduleOverride> overrides(String scheduleId, Instant from, Instant to) {
    return jdbc.sql("""
            SELECT id, schedule_id, user_id, starts_at, ends_at, covering FROM oncall_override
            WHERE schedule_id = :schedule AND starts_at < :to AND ends_at > :from ORDER BY starts_at, id""")
        .param("schedule", scheduleId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, row) -> new ScheduleOverride(rs.getLong("id"), rs.getString("schedule_id"), rs.getString("user_id"),
            rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("covering")))
        .list();
  }

  boolean deleteOverride(String scheduleId, long id) {
    return jdbc.sql("DELETE FROM oncall_override WHERE schedule_id = :schedule AND id = :id")
        .param("schedule", scheduleId).param("id", id).update() > 0;
  }

  private List<Schedule> load(String onlyId) {
    String where = onlyId == null ? "" : " WHERE schedule_id = :id";
    Map<String, List<LayerRow>> layers = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    jdbc.sql("SELECT schedule_id, layer_index, user_id FROM oncall_layer_member" + where
            + " ORDER BY schedule_id, layer_index, member_index")
        .params(onlyId == null ? Map.of() : Map.of("id", onlyId))
        .query(rs -> {
          members.computeIfAbsent(rs.getString(1) + "/" + rs.getInt(2), key -> new ArrayList<>()).add(rs.getString(3));
        });
    jdbc.sql("SELECT schedule_id, layer_index, name, start_date, end_date, handoff_time, rotation FROM oncall_layer"
            + where + " ORDER BY schedule_id, layer_index")
        .params(onlyId == null ? Map.of() : Map.of("id", onlyId))
        .query((rs, row) -> new LayerRow(rs.getString(1), rs.getInt(2), new Layer(rs.getString(3),
            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalTime.class),
            Rotation.parse(rs.getString(7)).orElseThrow(),
            members.getOrDefault(rs.getString(1) + "/" + rs.getInt(2), List.of()))))
        .list().forEach(row -> layers.computeIfAbsent(row.scheduleId(), key -> new ArrayList<>()).add(row));
    return jdbc.sql("SELECT id, name, time_zone FROM oncall_schedule" + (onlyId == null ? "" : " WHERE id = :id")
            + " ORDER BY id")
        .params(onlyId == null ? Map.of() : Map.of("id", onlyId))
        .query((rs, row) -> new ScheduleRow(rs.getString(1), rs.getString(2), rs.getString(3))).list().stream()
        .map(row -> new Schedule(row.id(), row.name(), ZoneId.of(row.zone()),
            layers.getOrDefault(row.id(), List.of()).stream().map(LayerRow::layer).toList()))
        .toList();
  }
}
