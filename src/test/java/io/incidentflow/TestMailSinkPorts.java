package io.incidentflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Gives the test profile's own mail sink free ports, so that test runs (and a local demo) side by side never
 * fight over one. A test that registers {@link TestSmtp} still wins: its dynamic properties come later.
 */
public class TestMailSinkPorts implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("test"))) {
      return;
    }
    int smtp = freePort();
    environment.getPropertySources().addFirst(new MapPropertySource("test-mail-sink-ports", Map.of(
        "incidentflow.mail-sink.smtp-port", smtp,
        "incidentflow.mail-sink.imap-port", freePort(),
        "spring.mail.port", smtp)));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
