package io.incidentflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Logs staff in against Camunda's users (the Tasklist logins, managed in Camunda Admin); each Camunda group of
 * the user becomes an authority {@code GROUP_<id>}, which the staff API's rules name.
 */
@Component
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

  static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identity;

  CamundaUserAuthenticationProvider(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication login) {
    String user = login.getName();
    String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
    if (user == null || user.isBlank() || !identity.checkPassword(user, password)) {
      throw new BadCredentialsException("Wrong user or password");
    }
    return loggedIn(user);
  }

  /** A user whose login was checked, with their groups as they are now (not as they were at login). */
  Authentication loggedIn(String user) {
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id)).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  /** Whether the user still exists (Admin may have deleted them since they logged into a webapp). */
  boolean exists(String user) {
    return identity.createUserQuery().userId(user).count() == 1;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
