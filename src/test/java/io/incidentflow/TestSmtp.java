package io.incidentflow;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The integration tests' SMTP server (GreenMail), on a free port of its own, so that a running local demo
 * (its mail sink is on 3025) or another test run does not get in the way.
 */
public final class TestSmtp {

  public static final ServerSetup SMTP =
      new ServerSetup(TestMailSinkPorts.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

  private TestSmtp() {}

  public static GreenMailExtension server() {
    return new GreenMailExtension(SMTP);
  }

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", SMTP::getBindAddress);
    registry.add("spring.mail.port", SMTP::getPort);
  }
}
