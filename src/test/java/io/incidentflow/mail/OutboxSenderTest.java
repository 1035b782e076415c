package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/** Which SMTP refusals are final for a recipient (marked failed) and which are worth another attempt. */
class OutboxSenderTest {

  @Test
  void shouldGiveUpOnARecipientTheServerRefusesWith5xx() throws Exception {
    InternetAddress address = new InternetAddress("gone@customer.example");
    SendFailedException refused = new SendFailedException("Invalid Addresses",
        new SMTPAddressFailedException(address, "RCPT TO", 550, "550 5.1.1 No such user"),
        new Address[0], new Address[0], new Address[] {address});

    assertThat(OutboxSender.isPermanent(refused)).isTrue();
  }

  @Test
  void shouldTryAgainWhenTheServerDefersARecipientWith4xx() throws Exception {
    InternetAddress address = new InternetAddress("busy@customer.example");
    SendFailedException deferred = new SendFailedException("Invalid Addresses",
        new SMTPAddressFailedException(address, "RCPT TO", 452, "452 4.2.2 Mailbox full"),
        new Address[0], new Address[] {address}, new Address[0]);

    assertThat(OutboxSender.isPermanent(deferred)).isFalse();
  }
}
