package io.incidentflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user logged into Cockpit or Tasklist read the staff API's pages from there (an incident's page, its
 * diagram in Cockpit's Finished incidents) without typing their password again: a GET without credentials is
 * taken as the user of the webapps' session, with their groups as they are now, and checked against the same
 * rules as HTTP Basic. Reading only: a write still needs HTTP Basic, so the session cookie cannot be ridden
 * cross-site to change anything (and Camunda sends it SameSite=Lax).
 */
class WebappSessionLogin extends OncePerRequestFilter {

  static final Set<String> READS = Set.of("GET", "HEAD");

  private final CamundaUserAuthenticationProvider users;
  private final String engineName;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  WebappSessionLogin(CamundaUserAuthenticationProvider users, String engineName) {
    this.users = users;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && READS.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      Authentication webapp = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
      if (webapp != null && webapp.getIdentityId() != null && users.exists(webapp.getIdentityId())) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(users.loggedIn(webapp.getIdentityId()));
        contexts.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
