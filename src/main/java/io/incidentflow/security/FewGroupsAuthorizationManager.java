package io.incidentflow.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's authorization manager without its list of every group that holds a grant, for a caller with few
 * groups. Before the first check of each command, Camunda reads that list ({@code select distinct GROUP_ID_} over
 * every grant row) to drop the caller's groups that hold none from its IN lists, which matters for a caller with
 * hundreds of directory groups. Here a TASK_WORK row per open task makes it 10,000 rows read for a Tasklist page
 * and again for its count (BENCHMARKS.md, authorization). A group without grants matches no row, so handing the
 * few groups over as they are answers every check the same.
 */
class FewGroupsAuthorizationManager extends AuthorizationManager {

  /** Up to this many groups go into the checks as they are; more are filtered as Camunda does. */
  static final int FEW_GROUPS = 32;

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    if (authenticatedGroupIds != null && authenticatedGroupIds.size() <= FEW_GROUPS) {
      return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
    return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
  }

  /**
   * A caller's own groups are read without a check. Camunda grants a group READ on itself when it is created
   * (DefaultAuthorizationProvider.newGroup), so the check would let every row through; a Tasklist filter with
   * {@code ${currentUser()}} as candidate reads the caller's groups twice per refresh, and the check made that
   * query join the grants and be planned each time (BENCHMARKS.md, authorization). A REVOKE of a member's READ on
   * their own group is therefore not applied to this query; another user's groups are checked as Camunda does.
   */
  @Override
  public void configureQuery(AbstractQuery query, Resource resource) {
    super.configureQuery(query, resource);
    if (query instanceof GroupQueryImpl groups && groups.getUserId() != null) {
      Authentication caller = getCurrentAuthentication();
      if (caller != null && groups.getUserId().equals(caller.getUserId())) {
        query.getAuthCheck().setAuthorizationCheckEnabled(false);
      }
    }
  }

  /** Opens it wherever the engine asks for its authorization manager. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new FewGroupsAuthorizationManager();
    }
  }
}
