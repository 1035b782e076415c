package io.incidentflow.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer directory: customers and the services they subscribe to. */
@Repository
public class CustomerDirectory {

  /** A customer with the ids of the services it subscribes to. */
  public record Entry(String id, String name, String email, List<String> services) {}

  private final JdbcClient jdbc;

  public CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Entry> all() {
    Map<String, Entry> byId = new LinkedHashMap<>();
    jdbc.sql("SELECT id, name, email FROM customer ORDER BY id")
        .query((rs, row) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), new ArrayList<>()))
        .list().forEach(entry -> byId.put(entry.id(), entry));
    jdbc.sql("SELECT customer_id, service_id FROM customer_subscription ORDER BY customer_id, service_id")
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list()
        .forEach(sub -> byId.get(sub.getKey()).services().add(sub.getValue()));
    return List.copyOf(byId.values());
  }

  public Optional<Entry> find(String id) {
    return all().stream().filter(entry -> entry.id().equals(id)).findFirst();
  }

  public boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = :id").param("id", id).query(Long.class).single() > 0;
  }

  /**
   * Customers subscribed to any of the services, each once.
   *
   * @param periodicUpdate whether the mail is a periodic update, which customers may have opted out of
   */
  public List<Customer> subscribersOf(Collection<String> serviceIds, boolean periodicUpdate) {
    if (serviceIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT c.id, c.name, c.email FROM customer c
            WHERE c.id IN (SELECT s.customer_id FROM customer_subscription s WHERE s.service_id IN (:services))
              AND (c.updates_opt_out = FALSE OR :periodic = FALSE)
            ORDER BY c.id""")
        .param("services", serviceIds).param("periodic", periodicUpdate)
        .query((rs, row) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /** The customer gets no more periodic updates (the first notice, workaround and all-clear still come). */
  public void optOutOfUpdates(String id) {
    jdbc.sql("UPDATE customer SET updates_opt_out = TRUE WHERE id = :id").param("id", id).update();
  }

  /** Adds or replaces the customer and its subscriptions. */
  public void save(Entry entry) {
    int updated = jdbc.sql("UPDATE customer SET name = :name, email = :email WHERE id = :id")
        .param("id", entry.id()).param("name", entry.name()).param("email", entry.email()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO customer (id, name, email) VALUES (:id, :name, :email)")
          .param("id", entry.id()).param("name", entry.name()).param("email", entry.email()).update();
    }
    jdbc.sql("DELETE FROM customer_subscription WHERE customer_id = :id").param("id", entry.id()).update();
    for (String service : entry.services()) {
      jdbc.sql("INSERT INTO customer_subscription (customer_id, service_id) VALUES (:id, :service)")
          .param("id", entry.id()).param("service", service).update();
    }
  }
}
