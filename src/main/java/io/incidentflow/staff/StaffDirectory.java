package io.incidentflow.staff;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Staff who can be mailed: the members of a Camunda group (Admin webapp) who have an email address. */
@Component
public class StaffDirectory {

  private final IdentityService identity;

  public StaffDirectory(IdentityService identity) {
    this.identity = identity;
  }

  public List<StaffMember> membersOf(String groupId) {
    return everyoneIn(groupId).stream().filter(member -> member.email() != null && !member.email().isBlank()).toList();
  }

  /** Every member, with or without an email address (a page may reach them another way). */
  public List<StaffMember> everyoneIn(String groupId) {
    return identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(StaffDirectory::recipient).toList();
  }

  /** The user, with or without an email address. */
  public Optional<StaffMember> find(String userId) {
    return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(StaffDirectory::recipient);
  }

  public boolean isMember(String userId, String groupId) {
    return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }

  /** Those of the user ids that are no Camunda user, in the order given. */
  public List<String> unknownUsers(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    Set<String> known = Set.copyOf(identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list().stream()
        .map(User::getId).toList());
    return userIds.stream().filter(id -> !known.contains(id)).distinct().toList();
  }

  private static StaffMember recipient(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return new StaffMember(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail());
  }
}
