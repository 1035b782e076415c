package io.incidentflow.security;

import io.incidentflow.platform.EngineIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's side of the role model: {@link IncidentAuthorizationProvider} in the place of the default one,
 * {@link FewGroupsAuthorizationManager}, and indexes for the grants a read check can match, which PostgreSQL uses
 * only in a plan made with the values ({@link GrantQueriesPlannedWithValues}).
 */
@Component
class AuthorizationPlugin extends AbstractProcessEnginePlugin {

  /**
   * Every grant but a task grant without READ. Those are most of the table: a TASK_WORK row per open task for its
   * candidate group. Camunda's task, instance and history queries pick the caller's grants with
   * {@code (USER_ID_ in (…) or GROUP_ID_ in (…)) and (RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2 or …)}; PostgreSQL
   * proves that this implies the predicate and reads these indexes instead of every grant. H2 has no partial
   * indexes, so it has none.
   */
  static final String READ_GRANTS = "where RESOURCE_TYPE_ <> " + Resources.TASK.resourceType()
      + " or (PERMS_ & " + Permissions.READ.getValue() + ") = " + Permissions.READ.getValue();

  static final List<EngineIndex> READ_GRANT_INDEXES = List.of(
      new EngineIndex("IF_IDX_AUTH_READ_GROUP", "ACT_RU_AUTHORIZATION", "(GROUP_ID_) " + READ_GRANTS,
          Set.of(DbSqlSessionFactory.POSTGRES)),
      new EngineIndex("IF_IDX_AUTH_READ_USER", "ACT_RU_AUTHORIZATION", "(USER_ID_) " + READ_GRANTS,
          Set.of(DbSqlSessionFactory.POSTGRES)));

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new IncidentAuthorizationProvider());
    List<SessionFactory> sessionFactories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      sessionFactories.addAll(configuration.getCustomSessionFactories());
    }
    sessionFactories.add(new FewGroupsAuthorizationManager.Factory());
    configuration.setCustomSessionFactories(sessionFactories);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new GrantQueriesPlannedWithValues());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    READ_GRANT_INDEXES.forEach(index -> index.create(configuration));
  }
}
