package io.incidentflow.customer;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureJdbc;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The directory's staff API answers as every API of IncidentFlow does: problem details naming the field. Web
 * layer and directory on an in-memory database, without the engine.
 */
@WebMvcTest(CustomerDirectoryController.class)
@AutoConfigureMockMvc(addFilters = false) // who may call it: StaffApiSecurityConfig, tried in RestApiIT
@AutoConfigureJdbc
@AutoConfigureTestDatabase
@Import({CustomerDirectory.class, CustomerDirectoryService.class, ServiceCatalog.class})
@EnableConfigurationProperties(ServiceCatalogProperties.class)
class CustomerDirectoryControllerTest {

  static final String PATH = "/api/staff/customers";

  @Autowired MockMvc mvc;

  @Test
  void shouldAnswerConflictAsProblemDetailsWhenTheCustomerExists() throws Exception {
    String wayne = """
        {"id": "wayne", "name": "Wayne", "email": "ops@wayne.example", "services": ["checkout"]}""";
    mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(wayne)).andExpect(status().isCreated());

    mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(wayne))
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.title").value("conflict"))
        .andExpect(jsonPath("$.errors[0]").value("id: the customer 'wayne' exists; PUT updates it"));
  }

  @Test
  void shouldAnswerNotFoundWhenUpdatingAnUnknownCustomer() throws Exception {
    mvc.perform(put(PATH + "/nobody").contentType(MediaType.APPLICATION_JSON).content("""
            {"name": "Nobody", "email": "ops@nobody.example", "services": []}"""))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0]").value("id: no customer 'nobody'"));
  }

  @Test
  void shouldNameEveryBadFieldOfACustomer() throws Exception {
    mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content("""
            {"id": "bad id!", "name": "", "email": "two@a.example, three@b.example", "services": ["billing"]}"""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("invalid customer"))
        .andExpect(jsonPath("$.errors.length()").value(4))
        .andExpect(jsonPath("$.errors[3]").value("services: unknown service 'billing'"));
  }

  @Test
  void shouldCountTheCustomersOfAnImport() throws Exception {
    mvc.perform(post(PATH + "/import").contentType("text/csv").content("""
            id,name,email,services
            initech,Initech,ops@initech.example,checkout;search
            hooli,Hooli,ops@hooli.example,login
            """))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("success"))
        .andExpect(jsonPath("$.imported").value(2));
  }
}
