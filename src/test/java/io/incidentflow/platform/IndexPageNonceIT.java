package io.incidentflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The webapps' index pages under concurrent API calls, as a browser loads Tasklist while another tab polls:
 * each page carries the nonce of its own Content-Security-Policy header (IndexPageNonceFilter), else the browser
 * blocks its scripts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:index-page-nonce;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IndexPageNonceIT {

  static final String INDEX_PAGE = "/camunda/app/tasklist/default/";
  static final String API_CALL = "/camunda/api/admin/auth/user/default";
  static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  static final Pattern BODY_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");
  static final int PAGE_LOADERS = 4;
  static final int PAGES_EACH = 60;
  static final int API_CALLERS = 4;

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void shouldGiveTheIndexPageTheNonceOfItsOwnHeaderWhileApiCallsRunConcurrently() throws Exception {
    Queue<String> mismatches = new ConcurrentLinkedQueue<>();
    AtomicInteger pagesChecked = new AtomicInteger();
    AtomicInteger apiCalls = new AtomicInteger();
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(PAGE_LOADERS + API_CALLERS);
    try {
      List<Future<?>> callers = IntStream.range(0, API_CALLERS).<Future<?>>mapToObj(i -> threads.submit(() -> {
        while (loading.get()) {
          HttpResponse<String> call = get(API_CALL);
          assertThat(call.headers().firstValue("Content-Security-Policy")).as("the API call gets a nonce too")
              .get().asString().contains("'nonce-");
          apiCalls.incrementAndGet();
        }
        return null;
      })).toList();
      List<Future<?>> loaders = IntStream.range(0, PAGE_LOADERS).<Future<?>>mapToObj(i -> threads.submit(() -> {
        for (int page = 0; page < PAGES_EACH; page++) {
          HttpResponse<String> index = get(INDEX_PAGE);
          assertThat(index.statusCode()).isEqualTo(200);
          String headerNonce = first(HEADER_NONCE, index.headers().firstValue("Content-Security-Policy").orElse(""));
          List<String> bodyNonces = BODY_NONCE.matcher(index.body()).results().map(m -> m.group(1)).toList();
          assertThat(bodyNonces).as("the page's scripts carry a nonce").hasSizeGreaterThanOrEqualTo(4);
          bodyNonces.stream().filter(nonce -> !nonce.equals(headerNonce)).findFirst()
              .ifPresent(nonce -> mismatches.add("header " + headerNonce + ", body " + nonce));
          pagesChecked.incrementAndGet();
        }
        return null;
      })).toList();

      for (Future<?> loader : loaders) {
        loader.get(3, TimeUnit.MINUTES);
      }
      loading.set(false);
      for (Future<?> caller : callers) {
        caller.get(1, TimeUnit.MINUTES);
      }
    } finally {
      loading.set(false);
      threads.shutdownNow();
    }

    assertThat(pagesChecked).hasValue(PAGE_LOADERS * PAGES_EACH);
    assertThat(apiCalls.get()).as("API calls alongside the pages").isGreaterThan(PAGE_LOADERS * PAGES_EACH / 2);
    assertThat(mismatches).as("index pages whose nonce is not their header's").isEmpty();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String first(Pattern pattern, String text) {
    Matcher match = pattern.matcher(text);
    assertThat(match.find()).as("a nonce in " + text).isTrue();
    return match.group(1);
  }
}
