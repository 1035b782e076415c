package io.incidentflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpStatus;

class WebappLocalesTest {

  static final String WEBJAR = "/META-INF/resources/webjars/camunda/app/%s/locales/%s.json";

  final ObjectMapper json = new ObjectMapper();
  final WebappLocales locales = new WebappLocales(new DefaultResourceLoader(), json, new CamundaBpmProperties());

  @Test
  void shouldCallCamundasIncidentsFailedJobsOnCockpitsDashboardAndInstanceTabs() throws IOException {
    JsonNode labels = json.readTree(locales.merged("cockpit", "en")).get("labels");

    assertThat(labels.get("DASHBOARD_OPEN_INCIDENTS").asText()).isEqualTo("Failed jobs (Camunda incidents)");
    assertThat(labels.get("PLUGIN_INCIDENTS_LABEL").asText()).isEqualTo("Failed jobs");
    assertThat(labels.get("PLUGIN_INCIDENTS_TAB_NO_INCIDENTS").asText()).isEqualTo("No failed jobs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de"})
  void shouldChangeOnlyTheLabelsOfOursAndKeepEveryOtherOfCamundas(String language) throws IOException {
    JsonNode camunda = read(WEBJAR.formatted("cockpit", language));
    JsonNode ours = read("/webapps/cockpit/locales/" + language + ".json").get("labels");
    JsonNode merged = json.readTree(locales.merged("cockpit", language));

    assertThat(merged.get("dateLocales")).isEqualTo(camunda.get("dateLocales"));
    assertThat(names(merged.get("labels"))).isEqualTo(names(camunda.get("labels")));
    assertThat(names(camunda.get("labels"))).as("labels Camunda no longer has").containsAll(names(ours));
    Set<String> changed = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> labels = merged.get("labels").fields(); labels.hasNext(); ) {
      Map.Entry<String, JsonNode> label = labels.next();
      if (!label.getValue().equals(camunda.get("labels").get(label.getKey()))) {
        changed.add(label.getKey());
        assertThat(label.getValue()).isEqualTo(ours.get(label.getKey()));
      }
    }
    assertThat(changed).isEqualTo(names(ours));
  }

  @Test
  void shouldAnswerTheLocaleOfAnAppWithoutChangesAsCamundaWroteIt() throws IOException {
    assertThat(json.readTree(locales.merged("tasklist", "en"))).isEqualTo(read(WEBJAR.formatted("tasklist", "en")));
  }

  @Test
  void shouldAnswerNotFoundForALocaleCamundaDoesNotHave() {
    assertThat(locales.locale("cockpit", "xx").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(locales.locale("cockpit", "en").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private JsonNode read(String path) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(path)) {
      return json.readTree(in);
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
