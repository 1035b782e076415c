package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.incidentflow.mail.sink.MailboxTestAccess;
import io.incidentflow.staff.StaffMember;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.IncidentReport;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.notify.CustomerNotifier;
import io.incidentflow.notify.Notice;
import io.incidentflow.oncall.ResponderPager;
import io.incidentflow.staff.StaffDirectory;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Customer notices through the outbox, on PostgreSQL, to a real SMTP server: each customer, each notice, once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  @Autowired CustomerNotifier notifier;
  @Autowired ResponderPager pager;
  @Autowired StaffDirectory staff;
  @Autowired OutboxSender sender;
  @Autowired OutboxRepository outbox;
  @Autowired IncidentService incidents;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

  private static int serviceNumber;

  @BeforeEach
  void startClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldMailEachOf2000AffectedCustomersExactlyOnceEvenWhenTheNoticeIsEnqueuedTwice() throws Exception {
    String service = newServiceWithCustomers(2000);
    IncidentSnapshot incident = openIncident(service);

    int first = enqueue(incident, "confirmed");
    int again = enqueue(incident, "confirmed");
    int accepted = sender.sendDue();

    assertThat(first).isEqualTo(2000);
    assertThat(again).isZero();
    assertThat(accepted).isEqualTo(2000);
    assertEachCustomerGotOneMail(service, 2000);
    assertThat(outbox.deliveriesOf(incident.id(), RecipientKind.CUSTOMER)).allSatisfy(d -> assertThat(d.status()).isEqualTo(OutboxDelivery.Status.SENT));
  }

  @Test
  void shouldMailEveryoneExactlyOnceWhenTheSenderStopsHalfWayAndStartsAgain() throws Exception {
    String service = newServiceWithCustomers(300);
    IncidentSnapshot incident = openIncident(service);
    enqueue(incident, "confirmed");

    int beforeTheCrash = sender.sendDue(120);
    int afterRestart = sender.sendDue();

    assertThat(beforeTheCrash).isEqualTo(120);
    assertThat(afterRestart).isEqualTo(180);
    assertEachCustomerGotOneMail(service, 300);
  }

  @Test
  void shouldTakeOverTheClaimsOfADeadSenderWhenTheirLeaseRunsOut() throws Exception {
    String service = newServiceWithCustomers(5);
    IncidentSnapshot incident = openIncident(service);
    enqueue(incident, "confirmed");
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // Another node claims the mail and dies before sending it.
    transaction.executeWithoutResult(status -> outbox.claim("dead-node", 100, now, now.plus(Duration.ofMinutes(5))));

    assertThat(sender.sendDue()).as("claimed by a live node").isZero();
    ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(6))));
    assertThat(sender.sendDue()).isEqualTo(5);
    assertEachCustomerGotOneMail(service, 5);
  }

  @Test
  void shouldKeepTheMailWhileSmtpIsDownAndSendItWhenItIsBack() throws Exception {
    String service = newServiceWithCustomers(3);
    IncidentSnapshot incident = openIncident(service);
    enqueue(incident, "confirmed");
    smtp.stop();

    assertThat(sender.sendDue()).isZero();
    assertThat(outbox.deliveriesOf(incident.id(), RecipientKind.CUSTOMER)).allSatisfy(delivery -> {
      assertThat(delivery.status()).isEqualTo(OutboxDelivery.Status.PENDING);
      assertThat(delivery.attempts()).isEqualTo(1);
      assertThat(delivery.lastError()).startsWith("SMTP server unreachable");
    });

    smtp.start();
    assertThat(sender.sendDue()).as("backoff: not due yet").isZero();
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(1))));
    assertThat(sender.sendDue()).isEqualTo(3);
    assertEachCustomerGotOneMail(service, 3);
  }

  @Test
  void shouldPageEachTechnicianOnceThroughTheOutboxWhileSmtpIsDownAndWhenThePageRunsAgain() throws Exception {
    IncidentSnapshot incident = openIncident("checkout", List.of());
    List<StaffMember> technicians = staff.membersOf("application");
    smtp.stop();

    // The page job runs while the SMTP server is down: it succeeds, the pages wait in the outbox.
    transaction.executeWithoutResult(status -> pager.page(
        new ResponderPager.Level(incident, "Restart the pods", 1, 1, "group:application")));
    assertThat(sender.sendDue()).isZero();
    // The same page again (a job run twice): nothing more to send.
    transaction.executeWithoutResult(status -> pager.page(
        new ResponderPager.Level(incident, "Restart the pods", 1, 1, "group:application")));

    smtp.start();
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(1))));
    assertThat(sender.sendDue()).isEqualTo(technicians.size());
    assertThat(technicians).isNotEmpty().allSatisfy(technician -> {
      MimeMessage[] pages = smtp.getReceivedMessagesForDomain(technician.email());
      assertThat(pages).as("pages to %s", technician.email()).hasSize(1);
      assertThat(pages[0].getSubject()).isEqualTo("[SEV2] " + incident.id() + " paged: Card payments fail");
      assertThat(GreenMailUtil.getBody(pages[0])).contains("Restart the pods");
    });
    assertThat(outbox.deliveriesOf(incident.id(), RecipientKind.STAFF)).hasSize(technicians.size())
        .allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(OutboxDelivery.Status.SENT));
    assertThat(outbox.deliveriesOf(incident.id(), RecipientKind.CUSTOMER)).as("no customer notice").isEmpty();
  }

  @Test
  void shouldMarkANoticeFailedWithItsReasonWhenTheRetryBudgetIsSpent() {
    String service = newServiceWithCustomers(1);
    IncidentSnapshot incident = openIncident(service);
    enqueue(incident, "confirmed");
    smtp.stop();

    for (int attempt = 0; attempt < 10; attempt++) {
      sender.sendDue();
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(2))));
    }

    assertThat(outbox.deliveriesOf(incident.id(), RecipientKind.CUSTOMER)).singleElement().satisfies(delivery -> {
      assertThat(delivery.status()).isEqualTo(OutboxDelivery.Status.FAILED);
      assertThat(delivery.lastError()).startsWith("Gave up after 10 attempts: SMTP server unreachable");
    });
    smtp.start();
  }

  @Test
  void shouldSendOneCorrectMailToACustomerWhoseNameHoldsALineBreakAndABccHeader() throws Exception {
    String service = "svc-evil";
    jdbc.sql("INSERT INTO customer (id, name, email) VALUES ('eve', :name, 'eve@customer.example')")
        .param("name", "Eve\r\nBcc: everyone@attacker.example").update();
    jdbc.sql("INSERT INTO customer_subscription (customer_id, service_id) VALUES ('eve', :service)")
        .param("service", service).update();
    IncidentSnapshot incident = openIncident("checkout", List.of(service));
    enqueue(incident, "confirmed");

    sender.sendDue();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("eve@customer.example");
    assertThat(received[0].getHeader("Bcc")).isNull();
    // No mailbox was delivered to but eve's: the name stayed a display name inside one To header.
    assertThat(smtp.getUserManager().getUserByEmail("everyone@attacker.example")).isNull();
    assertThat(received[0].getHeader("To")[0]).contains("eve@customer.example");
  }

  @Test
  void shouldStopPeriodicUpdatesForACustomerWhoUsesTheSignedLinkButKeepTheAllClear() throws Exception {
    String service = newServiceWithCustomers(2);
    IncidentSnapshot incident = openIncident(service);
    enqueue(incident, "update", "update-1");
    sender.sendDue();
    MimeMessage toFirst = smtp.getReceivedMessagesForDomain(service + "-c0@customer.example")[0];
    String text = MailboxTestAccess.plainText(toFirst);
    java.util.regex.Matcher link = java.util.regex.Pattern
        .compile("/status/unsubscribe\\?customer=(\\S+)&token=([0-9a-f]{64})").matcher(text);
    assertThat(link.find()).as("the mail carries a signed unsubscribe link:%n%s", text).isTrue();
    String customer = link.group(1);
    String token = link.group(2);

    assertThat(http.getForEntity("/status/unsubscribe?customer=" + customer + "&token=" + "0".repeat(64), String.class)
        .getStatusCode().value()).isEqualTo(400);
    org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
    form.add("customer", customer);
    form.add("token", token);
    assertThat(http.postForEntity("/status/unsubscribe", form, String.class).getBody()).contains("no more periodic status updates");

    assertThat(enqueue(incident, "update", "update-2")).isEqualTo(1);
    assertThat(enqueue(incident, "resolved", "resolved")).isEqualTo(2);
    sender.sendDue(); // leaves the outbox empty for the other tests
  }

  // ---------------------------------------------------------------------------------------------------------

  private String newServiceWithCustomers(int count) {
    String service = "svc-" + (++serviceNumber);
    List<Object[]> customers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      customers.add(new Object[] {service + "-c" + i, "Customer " + i, service + "-c" + i + "@customer.example"});
    }
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.batchUpdate("INSERT INTO customer (id, name, email) VALUES (?, ?, ?)", customers);
    template.batchUpdate("INSERT INTO customer_subscription (customer_id, service_id) VALUES (?, ?)",
        customers.stream().map(c -> new Object[] {c[0], service}).toList());
    return service;
  }

  private IncidentSnapshot openIncident(String subscribedService) {
    return openIncident("checkout", List.of(subscribedService));
  }

  private IncidentSnapshot openIncident(String serviceId, List<String> affected) {
    var incident = transaction.execute(status -> incidents.open(null,
        new IncidentReport(serviceId, "Card payments fail", "test", true, "SEV2", "ivy"), null));
    return new IncidentSnapshot(incident.id(), incident.title(), null, serviceId, "Checkout", "SEV2", affected,
        incident.title());
  }

  private int enqueue(IncidentSnapshot incident, String notice) {
    return enqueue(incident, notice, notice);
  }

  private int enqueue(IncidentSnapshot incident, String notice, String key) {
    Map<String, Object> details = new HashMap<>();
    details.put("updateNumber", 1);
    return transaction.execute(status -> notifier.notifyAffectedCustomers(incident, Notice.fromKey(notice), key, details));
  }

  private void assertEachCustomerGotOneMail(String service, int customers) throws Exception {
    Map<String, Integer> perRecipient = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      for (var address : message.getRecipients(Message.RecipientType.TO)) {
        perRecipient.merge(((InternetAddress) address).getAddress(), 1, Integer::sum);
      }
    }
    assertThat(perRecipient.keySet().stream().filter(address -> address.startsWith(service + "-c"))).hasSize(customers);
    assertThat(perRecipient.values()).allMatch(count -> count == 1);
  }
}
