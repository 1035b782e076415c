package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.bench.LeanHttpClient;
import io.incidentflow.bench.LoadGenerator.Op;
import java.io.IOException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * What the intake benchmarks send and compare with: alerts over HTTP ({@code POST /api/alerts}, one kept-alive
 * connection per client thread) and the bare-engine baseline they are held against. Shared by
 * {@link IntakeBenchmark} and the authorization benchmark, so that both measure the same intake.
 */
public final class IntakeLoad {

  public static final String TOKEN = "demo-intake-token";
  private static final String AUTHORIZATION = LeanHttpClient.bearer(TOKEN);
  public static final String BASELINE_KEY = "bench-baseline";
  static final String STORM_KEY = "storm";

  /** The baseline: start → no-op service task → user task, started directly. */
  public static final BpmnModelInstance BASELINE_PROCESS = Bpmn.createExecutableProcess(BASELINE_KEY)
      .name("Benchmark baseline").camundaHistoryTimeToLive(1)
      .startEvent("Start")
      .serviceTask("Task_Noop").camundaExpression("${true}")
      .userTask("Task_Wait").camundaCandidateGroups("bench")
      .done();

  private final ObjectMapper json;
  /** One kept-alive connection per client thread (see LeanHttpClient for why not java.net.http). */
  private final ThreadLocal<LeanHttpClient> http;

  public IntakeLoad(int port, ObjectMapper json) {
    this.json = json;
    this.http = ThreadLocal.withInitial(() -> new LeanHttpClient("127.0.0.1", port));
  }

  /** Deploys the baseline process; its operation starts one instance with the bare engine, in-process. */
  public static Op baseline(RepositoryService repository, RuntimeService runtime) {
    repository.createDeployment().name("bench-baseline")
        .addModelInstance("bench-baseline.bpmn", BASELINE_PROCESS).deploy();
    return (thread, seq) -> runtime.startProcessInstanceByKey(BASELINE_KEY);
  }

  /** New-incident intake: each call a new alert, dedup key {@code prefix-thread-seq}, answered OPENED. */
  public Op newAlerts(String prefix) {
    return (thread, seq) -> postNew(prefix + "-" + thread + "-" + seq);
  }

  public void postNew(String dedupKey) throws IOException {
    String body = post(alertBody(dedupKey));
    if (!body.contains("\"outcome\":\"OPENED\"")) {
      throw new IllegalStateException("expected OPENED for " + dedupKey + ": " + body);
    }
  }

  void postDuplicate(String incidentId) throws IOException {
    String body = post(alertBody(STORM_KEY));
    if (!body.contains("\"outcome\":\"CORRELATED\"") || !body.contains("\"incidentId\":\"" + incidentId + "\"")) {
      throw new IllegalStateException("expected CORRELATED to " + incidentId + ": " + body);
    }
  }

  String openStorm() throws IOException {
    String body = post(alertBody(STORM_KEY));
    JsonNode answer = json.readTree(body);
    if (!"OPENED".equals(answer.path("outcome").asText())) {
      throw new IllegalStateException("the storm's first alert did not open an incident: " + body);
    }
    return answer.get("incidentId").asText();
  }

  private static String alertBody(String dedupKey) {
    return "{\"service\":\"checkout\",\"summary\":\"Checkout error rate above 5% (" + dedupKey + ")\","
        + "\"severity\":\"warning\",\"dedupKey\":\"" + dedupKey + "\"}";
  }

  /** @return the body of a 202 answer; anything else throws */
  private String post(String body) throws IOException {
    LeanHttpClient.Response response = http.get().post("/api/alerts", AUTHORIZATION, body);
    if (response.status() != 202) {
      throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
    }
    return response.body();
  }
}
