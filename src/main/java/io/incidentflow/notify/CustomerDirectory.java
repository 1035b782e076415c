package io.incidentflow.notify;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer directory: customers and the services they subscribe to. */
@Repository
public class CustomerDirectory {

  private final JdbcClient jdbc;

  public CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every customer subscribed to at least one of the services, each once. */
  public List<Customer> subscribersOf(Collection<String> serviceIds) {
    if (serviceIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT c.id, c.name, c.email FROM customer c
            WHERE c.id IN (SELECT s.customer_id FROM customer_subscription s WHERE s.service_id IN (:services))
            ORDER BY c.id""")
        .param("services", serviceIds)
        .query((rs, row) -> new Customer(rs.getString("id"), rs.getString("name"), rs.getString("email")))
        .list();
  }
}
