package io.incidentflow.reporting;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.incidentflow.Browsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.incidentflow.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incident report on PostgreSQL (embedded). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IncidentReportsIT extends IncidentReportsScenario {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  /** The page in a browser, logged in as a manager (HTTP Basic, as for every staff page): charts drawn. */
  @Test
  void shouldShowAManagerTheReportsChartsInABrowser() {
    try (Playwright playwright = Browsers.playwright();
        Browser browser = Browsers.chromium(playwright);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setHttpCredentials("max", "demo").setViewportSize(1100, 900))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + port + "/api/staff/reports/incidents.html?" + PERIOD);
      assertThat(page.locator("svg.chart")).hasCount(3);
      assertThat(page.locator("svg.chart").nth(1)).containsText("60.0 min");
      assertThat(page.locator("svg.chart rect").first()).isVisible();
      assertThat(page.locator("table.figures")).containsText("14400.00");
      Browsers.screenshot(page, "reports-page");
    }
  }
}
