package io.incidentflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IndexPageNonceFilterTest {

  static final String POLICY = "base-uri 'self';script-src 'nonce-HeaderNonce_1-x' 'strict-dynamic' 'self';"
      + "default-src 'self'";
  /** Camunda's index page as ProcessEnginesFilter writes it: a nonce on each script, here a stale one. */
  static final String PAGE = """
      <html><head><title>Tasklist — IncidentFlow</title>
      <script defer src="/camunda/lib/runtime.js" nonce="StaleNonce" charset="UTF-8"></script>
      <script defer src="/camunda/lib/deps.js" nonce="StaleNonce" charset="UTF-8"></script>
      </head><body><script type="text/javascript" nonce="StaleNonce">window.camunda = {};</script></body></html>
      """;

  final IndexPageNonceFilter filter = new IndexPageNonceFilter("/camunda");

  @Test
  void shouldGiveTheIndexPageTheNonceOfItsOwnHeader() throws Exception {
    MockHttpServletResponse response = serve("/camunda/app/tasklist/default/", POLICY, PAGE, true);

    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("StaleNonce");
    assertThat(body.split("nonce=\"HeaderNonce_1-x\"", -1)).as("three scripts with the header's nonce").hasSize(4);
    assertThat(body).isEqualTo(PAGE.replace("StaleNonce", "HeaderNonce_1-x"));
    assertThat(response.getContentLength()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(POLICY);
  }

  @Test
  void shouldGiveThePageTheHeadersNonceWhenItIsWrittenAsBytes() throws Exception {
    MockHttpServletResponse response = serve("/camunda/app/cockpit/default/", POLICY, PAGE, false);

    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo(PAGE.replace("StaleNonce", "HeaderNonce_1-x"));
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
  }

  @Test
  void shouldGiveTheSetupPageTheNonceOfItsOwnHeaderToo() throws Exception {
    MockHttpServletResponse response = serve("/camunda/app/admin/default/setup/", POLICY, PAGE, true);

    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("StaleNonce");
  }

  @Test
  void shouldLeaveAPageWithoutAPolicyHeaderAsItIs() throws Exception {
    MockHttpServletResponse response = serve("/camunda/app/tasklist/default/", null, PAGE, true);

    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(PAGE);
  }

  @Test
  void shouldLeaveAPageAsItIsWhenThePolicyNamesNoNonce() throws Exception {
    MockHttpServletResponse response = serve("/camunda/app/tasklist/default/", "default-src 'self'", PAGE, true);

    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(PAGE);
  }

  @Test
  void shouldNotTouchResponsesThatAreNoIndexPage() throws Exception {
    for (String path : new String[] {"/camunda/app/tasklist/scripts/config.js",
        "/camunda/app/cockpit/default/pages/dashboard.html", "/camunda/api/admin/auth/user/default",
        "/status"}) {
      MockHttpServletResponse response = serve(path, POLICY, PAGE, true);

      assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(path).isEqualTo(PAGE);
      assertThat(response.getContentLength()).as(path).isEqualTo(PAGE.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void shouldLetARedirectOfAnAppPathThrough() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/app/tasklist/");
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> ((HttpServletResponse) res)
        .sendRedirect("/camunda/app/tasklist/default/"));

    assertThat(response.getRedirectedUrl()).isEqualTo("/camunda/app/tasklist/default/");
  }

  @Test
  void shouldTakeTheFirstNonceOfAPolicy() {
    assertThat(IndexPageNonceFilter.nonceOf(POLICY)).isEqualTo("HeaderNonce_1-x");
    assertThat(IndexPageNonceFilter.nonceOf("script-src 'self'")).isNull();
    assertThat(IndexPageNonceFilter.nonceOf(null)).isNull();
  }

  /** The page as Camunda's filters write it: the policy header first, then the body with its Content-Length. */
  private MockHttpServletResponse serve(String path, String policy, String page, boolean writer) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain camunda = (req, res) -> {
      HttpServletResponse http = (HttpServletResponse) res;
      if (policy != null) {
        http.setHeader("Content-Security-Policy", policy);
      }
      byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
      http.setContentLength(bytes.length);
      http.setContentType("text/html");
      http.setCharacterEncoding("UTF-8");
      if (writer) {
        http.getWriter().append(page);
      } else {
        http.getOutputStream().write(bytes);
      }
    };
    filter.doFilter(request, response, camunda);
    return response;
  }
}
