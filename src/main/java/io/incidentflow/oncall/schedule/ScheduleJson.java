package io.incidentflow.oncall.schedule;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A schedule as the API reads and writes it. Values are text so that every bad one is named by its field,
 * all at once, rather than failing the whole body.
 *
 * <pre>{"id": "application-primary", "name": "Application primary", "zone": "Europe/Berlin", "layers": [
 *   {"name": "weekly", "start": "2026-01-05", "handoff": "09:00", "rotation": "weekly", "users": ["tom", "amy"]}]}</pre>
 */
public record ScheduleJson(String id, String name, String zone, List<LayerJson> layers) {

  /** A layer; {@code end} may be left out, {@code rotation} is {@code daily}, {@code weekly} or ISO-8601. */
  public record LayerJson(String name, String start, String end, String handoff, String rotation,
      List<String> users) {}

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  static ScheduleJson of(Schedule schedule) {
    return new ScheduleJson(schedule.id(), schedule.name(), schedule.zone().getId(), schedule.layers().stream()
        .map(layer -> new LayerJson(layer.name(), layer.start().toString(),
            layer.end() == null ? null : layer.end().toString(), layer.handoff().toString(),
            layer.rotation().toString(), layer.users()))
        .toList());
  }

  /**
   * The schedule this describes.
   *
   * @throws InvalidScheduleException naming every field at fault
   */
  Schedule toSchedule() {
    List<String> errors = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      errors.add("id: must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    line("name", name, errors);
    ZoneId zoneId = null;
    if (zone == null || zone.isBlank()) {
      errors.add("zone: is required (an IANA time zone such as Europe/Berlin)");
    } else {
      try {
        zoneId = ZoneId.of(zone.strip());
      } catch (DateTimeException e) {
        errors.add("zone: unknown time zone '" + zone + "'");
      }
    }
    List<Layer> parsed = new ArrayList<>();
    if (layers == null || layers.isEmpty()) {
      errors.add("layers: must not be empty");
    } else {
      Map<String, Integer> names = new HashMap<>();
      for (int i = 0; i < layers.size(); i++) {
        String field = "layers[" + i + "]";
        LayerJson layer = layers.get(i);
        if (layer == null) {
          errors.add(field + ": must not be null");
          continue;
        }
        Integer twin = layer.name() == null ? null : names.putIfAbsent(layer.name().strip(), i);
        if (twin != null) {
          errors.add(field + ".name: '" + layer.name() + "' is the name of layers[" + twin + "] already");
        }
        layer(field, layer, errors).ifPresent(parsed::add);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    return new Schedule(id, name.strip(), zoneId, parsed);
  }

  private static Optional<Layer> layer(String field, LayerJson layer, List<String> errors) {
    int before = errors.size();
    line(field + ".name", layer.name(), errors);
    LocalDate start = date(field + ".start", layer.start(), true, errors);
    LocalDate end = date(field + ".end", layer.end(), false, errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add(field + ".end: must be after start (" + start + ")");
    }
    LocalTime handoff = null;
    if (layer.handoff() == null || layer.handoff().isBlank()) {
      errors.add(field + ".handoff: is required (a local time such as 09:00)");
    } else {
      try {
        handoff = LocalTime.parse(layer.handoff().strip());
      } catch (DateTimeParseException e) {
        errors.add(field + ".handoff: must be a local time such as 09:00, not '" + layer.handoff() + "'");
      }
    }
    Optional<Rotation> rotation = Rotation.parse(layer.rotation());
    if (rotation.isEmpty()) {
      errors.add(field + ".rotation: must be daily, weekly or an ISO-8601 length such as P3D or PT12H"
          + " (one hour to one year, no months)");
    }
    List<String> users = layer.users() == null ? List.of() : layer.users();
    if (users.isEmpty()) {
      errors.add(field + ".users: must not be empty");
    }
    for (int j = 0; j < users.size(); j++) {
      if (users.get(j) == null || users.get(j).isBlank()) {
        errors.add(field + ".users[" + j + "]: must not be blank");
      }
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Layer(layer.name().strip(), start, end, handoff, rotation.get(),
        users.stream().map(String::strip).toList()));
  }

  private static void line(String field, String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      errors.add(field + ": is required");
    } else if (value.length() > 200 || CONTROL.matcher(value).find()) {
      errors.add(field + ": must be one line of at most 200 characters");
    }
  }

  private static LocalDate date(String field, String value, boolean required, List<String> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(field + ": is required (a date such as 2026-01-05)");
      }
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(field + ": must be a date such as 2026-01-05, not '" + value + "'");
      return null;
    }
  }
}
