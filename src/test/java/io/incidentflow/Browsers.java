package io.incidentflow;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The real-browser tests' Chromium (Debian's, nothing downloaded) and their way into the Camunda webapps. */
public final class Browsers {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path SCREENSHOTS = Path.of("target", "browser");
  /** A webapp's first page loads megabytes of scripts; a 2-core machine that also builds may take a minute. */
  public static final double TIMEOUT_MILLIS = 90_000;
  static final double LOGIN_ATTEMPT_MILLIS = 30_000;
  static final int LOGIN_ATTEMPTS = 3;

  private Browsers() {}

  /** Locally without chromium the calling test is skipped; in CI (.ci/run installs it) it must run. */
  public static Playwright playwright() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
        "chromium is not installed: apt-get install chromium (.ci/run installs it)");
    PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLIS);
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  public static Browser chromium(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
  }

  /** Through the webapp's real login form, as a demo user (password "demo"). */
  public static void logIn(Page page, String baseUrl, String app, String user) {
    for (int attempt = 1; ; attempt++) {
      page.navigate(baseUrl + "/camunda/app/" + app + "/");
      page.getByPlaceholder("Username").fill(user);
      page.getByPlaceholder("Password").fill("demo");
      try {
        page.waitForResponse(response -> response.url().contains("/camunda/api/admin/auth/user/default/login/"),
            new Page.WaitForResponseOptions().setTimeout(LOGIN_ATTEMPT_MILLIS),
            () -> page.locator("button[type=submit]").click(new Locator.ClickOptions().setTimeout(LOGIN_ATTEMPT_MILLIS)));
        break;
      } catch (TimeoutError e) {
        // Seen once in a while on a loaded CI machine: the webapp's form sends nothing (its request-aware
        // directive keeps it disabled while a start-up request is pending). A person would reload; so do we,
        // leaving a screenshot of what the form showed.
        screenshot(page, "login-retry-" + app + "-" + user + "-" + attempt);
        if (attempt == LOGIN_ATTEMPTS) {
          throw e;
        }
      }
    }
    assertThat(page.locator(".form-signin")).not().isVisible();
  }

  public static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
