package io.incidentflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of IncidentFlow's own pages and APIs, set in one place (Camunda's webapps and REST API
 * set their own). The public pages under /status get a strict Content-Security-Policy: no script, no inline
 * style, no framing, and are never cached. The staff API's pages (reports, an incident's page and diagram) get
 * the same policy: they show names people typed into incidents and models, so no script may ever run there, and
 * a staff page is not cached by a shared proxy.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

  /** Paths this filter guards; {@link #PUBLIC_PAGES} also get the strict policy. */
  public static final String[] PATHS = {"/status", "/status/*", "/status.json", "/api/*", "/mailbox"};
  static final String PUBLIC_PAGES = "/status";
  static final String STAFF_API = "/api/staff/";

  static final String PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(PUBLIC_PAGES)) {
      response.setHeader("Content-Security-Policy", PUBLIC_PAGE_CSP);
      response.setHeader("Cache-Control", "no-cache");
    } else if (path.startsWith(STAFF_API)) {
      response.setHeader("Content-Security-Policy", PUBLIC_PAGE_CSP);
      response.setHeader("Cache-Control", "private, no-cache");
    }
    chain.doFilter(request, response);
  }
}
