package io.incidentflow.routing.haproxy;

import io.incidentflow.catalog.HaproxyRoute;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.routing.RerouteFailedException;
import io.incidentflow.routing.RerouteNotPossibleException;
import io.incidentflow.routing.RerouteResult;
import io.incidentflow.routing.RoutingProperties;
import io.incidentflow.routing.TrafficChange;
import io.incidentflow.routing.TrafficChangeRepository;
import io.incidentflow.routing.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reroutes through HAProxy's Runtime API: takes the primaries out of rotation (drain or maintenance) so
 * that the {@code backup} servers take the traffic, and verifies it; fail-back restores the recorded states.
 */
@Component
public class HaproxyTrafficRouter implements TrafficRouter {

  private static final Logger log = LoggerFactory.getLogger(HaproxyTrafficRouter.class);

  private final TrafficChangeRepository changes;
  private final RoutingProperties properties;
  private final Clock clock;

  public HaproxyTrafficRouter(TrafficChangeRepository changes, RoutingProperties properties, Clock clock) {
    this.changes = changes;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public boolean supports(ServiceDefinition service) {
    return service.haproxy() != null;
  }

  HaproxyRuntimeClient client(HaproxyRoute route) {
    return new HaproxyRuntimeClient(HaproxyAddress.parse(route.address()), properties.connectTimeout(),
        properties.readTimeout());
  }

  @Override
  public RerouteResult rerouteToBackup(ServiceDefinition service, String incidentId) {
    HaproxyRoute route = service.haproxy();
    HaproxyRuntimeClient haproxy = client(route);
    try {
      List<TrafficChange> planned = changes.active(incidentId, service.id());
      if (planned.isEmpty()) {
        planned = plan(service, incidentId, haproxy);
        changes.recordBeforeChanging(planned);
      } else {
        log.info("{}: reroute of {} retried; keeping the states recorded by the first attempt", incidentId, service.id());
      }
      for (TrafficChange change : planned) {
        haproxy.setServerState(change.backend(), change.server(), ServerAdminState.valueOf(change.stateAfter()));
      }
      verifyOnBackup(route, haproxy);
      String summary = "Users of " + service.name() + " were moved to backup servers ("
          + String.join(", ", route.backups()) + ") while the primary servers are repaired.";
      return new RerouteResult("haproxy", summary, planned.stream().map(TrafficChange::describe).toList());
    } catch (HaproxyUnavailableException | HaproxyCommandException e) {
      throw new RerouteFailedException("HAProxy at " + route.address() + ": " + e.getMessage(), e);
    }
  }

  /** What to change, from HAProxy's current states; refuses when no backup could take the traffic. */
  private List<TrafficChange> plan(ServiceDefinition service, String incidentId, HaproxyRuntimeClient haproxy) {
    HaproxyRoute route = service.haproxy();
    Map<String, ServerState> states = haproxy.showServersState(route.backend()).stream()
        .collect(Collectors.toMap(ServerState::serverName, Function.identity(), (a, b) -> a));
    for (String server : concat(route.primaries(), route.backups())) {
      if (!states.containsKey(server)) {
        throw new RerouteNotPossibleException("HAProxy backend '" + route.backend() + "' has no server '" + server
            + "': check incidentflow.services[" + service.id() + "].haproxy");
      }
    }
    boolean backupUp = route.backups().stream().map(states::get).anyMatch(s -> s.running() && !s.inMaintenance());
    if (!backupUp) {
      throw new RerouteNotPossibleException("No backup server of " + service.name() + " is up (" + route.backups()
          + "): users cannot be moved");
    }
    Instant now = clock.instant();
    String after = route.takeOutWith().name();
    List<TrafficChange> planned = new ArrayList<>();
    for (String primary : route.primaries()) {
      planned.add(new TrafficChange(0, incidentId, service.id(), route.address(), route.backend(), primary,
          states.get(primary).adminState().name(), after, now, null, 0));
    }
    return planned;
  }

  private void verifyOnBackup(HaproxyRoute route, HaproxyRuntimeClient haproxy) {
    Map<String, ServerState> states = haproxy.showServersState(route.backend()).stream()
        .collect(Collectors.toMap(ServerState::serverName, Function.identity(), (a, b) -> a));
    List<String> stillIn = route.primaries().stream()
        .filter(primary -> states.get(primary) == null || !(states.get(primary).draining() || states.get(primary).inMaintenance()))
        .toList();
    boolean backupServes = route.backups().stream().map(states::get)
        .anyMatch(s -> s != null && s.running() && !s.inMaintenance() && !s.draining());
    if (!stillIn.isEmpty() || !backupServes) {
      throw new RerouteFailedException("Verification failed on backend " + route.backend() + ": "
          + (stillIn.isEmpty() ? "" : "primaries still in rotation " + stillIn + "; ")
          + (backupServes ? "" : "no backup server is up"));
    }
  }

  @Override
  public RerouteResult failBack(ServiceDefinition service, String incidentId) {
    HaproxyRoute route = service.haproxy();
    HaproxyRuntimeClient haproxy = client(route);
    List<TrafficChange> active = changes.activeLocked(incidentId, service.id());
    try {
      for (TrafficChange change : active) {
        haproxy.setServerState(change.backend(), change.server(), ServerAdminState.valueOf(change.stateBefore()));
      }
      Map<String, ServerState> states = haproxy.showServersState(route.backend()).stream()
          .collect(Collectors.toMap(ServerState::serverName, Function.identity(), (a, b) -> a));
      List<String> wrong = active.stream()
          .filter(change -> states.get(change.server()) == null
              || states.get(change.server()).adminState() != ServerAdminState.valueOf(change.stateBefore()))
          .map(TrafficChange::server).toList();
      if (!wrong.isEmpty()) {
        throw new RerouteFailedException("Fail-back verification failed on " + route.backend() + ": " + wrong
            + " are not back in their former state");
      }
    } catch (HaproxyUnavailableException | HaproxyCommandException e) {
      throw new RerouteFailedException("HAProxy at " + route.address() + ": " + e.getMessage(), e);
    }
    Instant now = clock.instant();
    active.forEach(change -> changes.markRestored(change.id(), now));
    return new RerouteResult("haproxy", "Users of " + service.name() + " are back on the primary servers.",
        active.stream().map(change -> change.backend() + "/" + change.server() + ": back to " + change.stateBefore()).toList());
  }

  @Override
  public void abandon(ServiceDefinition service, String incidentId) {
    try {
      failBack(service, incidentId);
    } catch (RuntimeException e) {
      log.warn("{}: could not undo the failed reroute of {}: {}", incidentId, service.id(), e.getMessage());
    }
  }

  /** HAProxy forgets runtime state on reload or restart. */
  @Override
  public boolean reapply(TrafficChange change, ServiceDefinition service) {
    HaproxyRuntimeClient haproxy = client(service.haproxy());
    ServerState current = haproxy.showServersState(change.backend()).stream()
        .filter(state -> state.serverName().equals(change.server())).findFirst().orElse(null);
    if (current != null && current.adminState().name().equals(change.stateAfter())) {
      return false;
    }
    haproxy.setServerState(change.backend(), change.server(), ServerAdminState.valueOf(change.stateAfter()));
    return true;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
