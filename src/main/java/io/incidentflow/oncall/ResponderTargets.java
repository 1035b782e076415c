package io.incidentflow.oncall;

import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a level's targets ({@code schedule:ID}, {@code user:ID}, {@code group:ID}, separated by commas) into the
 * people to page at an instant. What names nobody is reported, not dropped: the page log shows it.
 */
@Component
public class ResponderTargets {

  /** @param unreached each target that named nobody, with the reason */
  public record Resolution(List<Responder> responders, Map<String, String> unreached) {}

  private final OnCallLookup onCall;
  private final StaffDirectory staff;

  public ResponderTargets(OnCallLookup onCall, StaffDirectory staff) {
    this.onCall = onCall;
    this.staff = staff;
  }

  public Resolution resolve(String targets, Instant at) {
    Map<String, Responder> responders = new LinkedHashMap<>();
    Map<String, String> unreached = new LinkedHashMap<>();
    for (String raw : (targets == null ? "" : targets).split(",")) {
      String target = raw.strip();
      if (target.isEmpty()) {
        continue;
      }
      int colon = target.indexOf(':');
      String kind = colon < 0 ? "" : target.substring(0, colon);
      String id = colon < 0 ? "" : target.substring(colon + 1).strip();
      List<StaffMember> people = new ArrayList<>();
      String nobody = switch (kind) {
        case "schedule" -> {
          Optional<String> user = onCall.onCall(id, at);
          user.flatMap(staff::find).ifPresent(people::add);
          yield user.isEmpty() ? "nobody on call" : "on-call user '" + user.get() + "' is no user";
        }
        case "user" -> {
          staff.find(id).ifPresent(people::add);
          yield "no such user";
        }
        case "group" -> {
          people.addAll(staff.everyoneIn(id));
          yield "no member";
        }
        default -> "not schedule:ID, user:ID or group:ID";
      };
      if (people.isEmpty()) {
        unreached.put(target, nobody);
      }
      for (StaffMember person : people) {
        responders.putIfAbsent(person.userId(), new Responder(person.userId(), person.name(), person.email(), target));
      }
    }
    return new Resolution(List.copyOf(responders.values()), unreached);
  }
}
