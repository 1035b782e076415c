package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Somebody guesses tom's password from one address: that address waits, tom logs in from his own. Two client
 * addresses on this machine: the loopback network is all of 127.0.0.0/8.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LoginThrottleIT {

  static final String ATTACKER = "127.0.0.2";
  static final String TOM = "127.0.0.1";
  static final String REST = "/engine-rest/process-definition?maxResults=10";

  @LocalServerPort int port;

  @Test
  void shouldMakeTheGuessingAddressWaitAndLetTomLogInFromHisOwn() throws IOException {
    for (int i = 0; i < 10; i++) {
      assertThat(status(ATTACKER, REST, "tom", "guess-" + i)).isEqualTo(401);
    }
    for (int i = 10; i < 30; i++) {
      assertThat(status(ATTACKER, REST, "tom", "guess-" + i)).as("throttled, password not even checked").isEqualTo(429);
    }

    assertThat(status(ATTACKER, REST, "tom", "demo")).as("the right password from the guessing address").isEqualTo(429);
    assertThat(status(TOM, REST, "tom", "demo")).as("Camunda did not lock tom").isEqualTo(200);
    assertThat(status(TOM, "/v3/api-docs", "tom", "demo")).isEqualTo(200);
  }

  @Test
  void shouldNotCountRequestsWithoutCredentials() throws IOException {
    String browser = "127.0.0.3";
    for (int i = 0; i < 15; i++) {
      assertThat(status(browser, "/v3/api-docs", null, null)).isEqualTo(401);
    }

    assertThat(status(browser, "/v3/api-docs", "ivy", "demo")).isEqualTo(200);
  }

  @Test
  void shouldThrottleGuessesAtTheWebappsLoginForm() throws IOException {
    String guesser = "127.0.0.4";
    for (int i = 0; i < 10; i++) {
      assertThat(webappLogin(guesser, "tom", "guess-" + i)).as("guess %d", i).isEqualTo(401);
    }

    assertThat(webappLogin(guesser, "tom", "demo")).isEqualTo(429);
    assertThat(webappLogin("127.0.0.5", "tom", "demo")).isEqualTo(200);
  }

  /** Tasklist's login as its page does it: a session and the CSRF token from the page, then the form's POST. */
  private int webappLogin(String from, String user, String password) throws IOException {
    String page = exchange(from, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n\r\n");
    java.util.List<String> cookies = new java.util.ArrayList<>();
    String token = null;
    for (String line : page.split("\r\n")) {
      if (line.regionMatches(true, 0, "Set-Cookie: ", 0, 12)) {
        String cookie = line.substring(12).split(";", 2)[0];
        cookies.add(cookie);
        if (cookie.startsWith("XSRF-TOKEN=")) {
          token = cookie.substring("XSRF-TOKEN=".length());
        }
      }
    }
    String form = "username=" + user + "&password=" + password;
    String answer = exchange(from, "POST /camunda/api/admin/auth/user/default/login/tasklist HTTP/1.1\r\n"
        + "Host: localhost\r\nCookie: " + String.join("; ", cookies) + "\r\nX-XSRF-TOKEN: " + token + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n"
        + "Connection: close\r\n\r\n" + form);
    return Integer.parseInt(answer.split(" ", 3)[1]);
  }

  private String exchange(String from, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** A GET from the given local address, with HTTP Basic when a user is given; the answer's status code. */
  private int status(String from, String path, String user, String password) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(10_000);
      String authorization = user == null ? "" : "Authorization: Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder statusLine = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        statusLine.append((char) c);
      }
      return Integer.parseInt(statusLine.toString().split(" ")[1]);
    }
  }
}
