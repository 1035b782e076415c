package io.incidentflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The customer directory over HTTP, as staff use it: login, validation that names the field, CSV import. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerDirectoryIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired CustomerDirectory directory;

  @Test
  void shouldAddAndUpdateACustomerAndItsSubscriptions() {
    ResponseEntity<JsonNode> added = send(HttpMethod.POST, "/api/staff/customers",
        "{\"id\": \"hooli\", \"name\": \"Hooli\", \"email\": \"ops@hooli.example\", \"services\": [\"search\"]}");
    ResponseEntity<JsonNode> again = send(HttpMethod.POST, "/api/staff/customers",
        "{\"id\": \"hooli\", \"name\": \"Hooli\", \"email\": \"ops@hooli.example\", \"services\": []}");
    ResponseEntity<JsonNode> updated = send(HttpMethod.PUT, "/api/staff/customers/hooli",
        "{\"name\": \"Hooli XYZ\", \"email\": \"noc@hooli.example\", \"services\": [\"login\", \"search\"]}");

    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(directory.find("hooli")).get().isEqualTo(
        new CustomerDirectory.Entry("hooli", "Hooli XYZ", "noc@hooli.example", java.util.List.of("login", "search")));
  }

  @Test
  void shouldNameEveryBadFieldOfACustomer() {
    ResponseEntity<JsonNode> response = send(HttpMethod.POST, "/api/staff/customers",
        "{\"id\": \"bad id\", \"name\": \"Eve\\r\\nBcc: x@y.z\", \"email\": \"a@b.example, c@d.example\", \"services\": [\"billing\"]}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors")).extracting(JsonNode::asText).containsExactly(
        "id: must be 1 to 64 letters, digits, '.', '_' or '-'",
        "name: must be one line of at most 255 characters",
        "email: must be exactly one plain address",
        "services: unknown service 'billing'");
  }

  @Test
  void shouldImportACsvFileAllOrNothing() {
    String good = "id,name,email,services\nwayne,Wayne Enterprises,it@wayne.example,checkout;login\n"
        + "\"stark\",\"Stark, Industries\",ops@stark.example,search\n";
    String bad = "id,name,email,services\nlex,LexCorp,lex@lexcorp.example,checkout\noscorp,Oscorp,not-an-address,nope\n";

    ResponseEntity<JsonNode> imported = csv(good);
    ResponseEntity<JsonNode> rejected = csv(bad);

    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(imported.getBody().get("imported").asInt()).isEqualTo(2);
    assertThat(directory.find("stark")).get().extracting(CustomerDirectory.Entry::name).isEqualTo("Stark, Industries");
    assertThat(directory.find("wayne")).get().extracting(CustomerDirectory.Entry::services)
        .isEqualTo(java.util.List.of("checkout", "login"));
    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rejected.getBody().get("errors")).extracting(JsonNode::asText).contains(
        "line 3: services: unknown service 'nope'").anyMatch(error -> error.startsWith("line 3: email: "));
    assertThat(directory.exists("lex")).as("nothing of a rejected file is stored").isFalse();
  }

  @Test
  void shouldRequireAStaffLogin() {
    assertThat(http.getForEntity("/api/staff/customers", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("ivy", "demo").exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> csv(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    return http.withBasicAuth("ivy", "demo").postForEntity("/api/staff/customers/import", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
