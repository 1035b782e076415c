package io.incidentflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.incidentflow.customer.Customer;
import io.incidentflow.notify.CustomerNotifier;
import io.incidentflow.notify.Notice;
import io.incidentflow.FrozenEngineClock;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.bench.BeanAdvice;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.bench.ProbeSwitch;
import io.incidentflow.incident.IncidentReport;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.incident.IncidentSnapshot;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;

/**
 * The customer-mail benchmark: 10,000 affected customers, one notice, to a local SMTP server (GreenMail, in this
 * JVM, on 127.0.0.1). The platform's time from the notify step ({@link CustomerNotifier#notifyAffectedCustomers}
 * in a transaction) to the last mail accepted ({@link OutboxSender#sendDue()} returning), next to a baseline in
 * the same run: a raw single-connection Jakarta Mail loop that builds and sends the same 10,000 messages (one
 * {@code Transport}, connected once; multipart/alternative with a fixed text and HTML part copied from a real
 * notice, so of the same size). Target: platform rate &ge; 0.8 &times; raw rate. Peak heap while sending.
 *
 * <p>Same app setup as {@link OutboxIT}: embedded PostgreSQL, profiles {@code postgres,test} (no job executor,
 * the outbox is sent by the test), GreenMail via {@link TestSmtp}. A benchmark, not a test: it asserts only that
 * every phase delivered exactly one mail to each customer. Its name matches neither surefire's nor failsafe's
 * includes; run it with {@code bench/outbox.sh}. Results: stdout and {@code target/bench/outbox.md}.
 *
 * <p>One warm-up round (platform, then raw; reported, not counted), then {@value #ROUNDS} measured rounds (raw,
 * then platform). Before each phase: GreenMail emptied, {@code System.gc()}; during it the heap in use is sampled
 * every 50 ms on a daemon thread. The heap figures include GreenMail's store of the received mails (same JVM).
 *
 * <p>To show where the platform's time goes, this test context (only) adds timing advice to {@link OutboxRepository}'s
 * proxy (by method name), replaces {@link Mailer} with a subclass that times {@code render} and wraps Thymeleaf's
 * {@link ITemplateEngine}, and swaps the app's SMTP transport class for a subclass that times connect, sendMessage
 * and close. Only calls on the
 * benchmark's thread are counted. {@code -Doutbox.bench.probes=false} turns all of that off, to check that the
 * probes do not change the figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.root=WARN")
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(FrozenEngineClock.class)
class OutboxBenchmark {

  static final int CUSTOMERS = 10_000;
  /** -Doutbox.bench.rounds=1 shortens a run that only checks that the benchmark works. */
  static final int ROUNDS = Integer.getInteger("outbox.bench.rounds", 3);
  static final double TARGET = 0.8;
  static final String SERVICE = "bench-mail";
  static final double MB = 1024.0 * 1024.0;

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();
  @RegisterExtension
  static final ProbeSwitch PROBES = new ProbeSwitch("outbox.bench.probes");

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  @Autowired CustomerNotifier notifier;
  @Autowired OutboxSender sender;
  @Autowired OutboxRepository outbox;
  @Autowired IncidentService incidents;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired MailProperties mailProperties;
  @Autowired OutboxProperties outboxProperties;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  /** This JVM (the app, GreenMail, the raw loop) against everything else, PostgreSQL included. */
  private final CpuMeter cpu = CpuMeter.thisJvm();

  @Test
  void run() throws Exception {
    Instant started = Instant.now();
    String othersAtStart = otherBenchmarks();
    codeAtStart = codeVersion();
    String loadAtStart = LoadAverage.oneMinute();
    if (PROBES.on()) {
      assertThat(outbox).isInstanceOf(Advised.class);
      // The app's JavaMailSenderImpl keeps one Session: from now on its "smtp" transports time themselves.
      mailSender.getSession().setProvider(new Provider(Provider.Type.TRANSPORT, "smtp",
          TimedSmtpTransport.class.getName(), "IncidentFlow benchmark", null));
    }
    PROBES.countThisThread();

    List<Customer> customers = createCustomers();
    List<Run> runs = new ArrayList<>();

    // Warm-up (round 0): the platform first, so that its first mail gives the raw loop its fixed content.
    Run warmPlatform = platform(0, customers);
    Content content = warmPlatform.content;
    Run warmRaw = raw(0, customers, content);
    runs.add(warmPlatform);
    runs.add(warmRaw);
    for (int round = 1; round <= ROUNDS; round++) {
      runs.add(raw(round, customers, content));
      runs.add(platform(round, customers));
    }
    PROBES.stopCounting();
    MarkdownReport diagnostics = diagnostics(customers, content);

    report(runs, content, started, othersAtStart, loadAtStart).append(diagnostics).publish("outbox");
  }

  // ------------------------------------------------------------------ setup

  private List<Customer> createCustomers() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String id = SERVICE + "-c" + i;
      customers.add(new Customer(id, "Customer " + i, id + "@customer.example"));
    }
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.batchUpdate("INSERT INTO customer (id, name, email) VALUES (?, ?, ?)",
        customers.stream().map(c -> new Object[] {c.id(), c.name(), c.email()}).toList());
    template.batchUpdate("INSERT INTO customer_subscription (customer_id, service_id) VALUES (?, ?)",
        customers.stream().map(c -> new Object[] {c.id(), SERVICE}).toList());
    return customers;
  }

  private IncidentSnapshot openIncident() {
    var incident = transaction.execute(status -> incidents.open(null,
        new IncidentReport("checkout", "Card payments fail", "benchmark", true, "SEV2", "ivy"), null));
    return new IncidentSnapshot(incident.id(), incident.title(), null, "checkout", "Checkout", "SEV2",
        List.of(SERVICE), incident.title());
  }

  // ------------------------------------------------------------------ the platform

  /** Notify step (enqueue in a transaction) through {@code sendDue()} returning: the last mail accepted. */
  private Run platform(int round, List<Customer> customers) throws Exception {
    IncidentSnapshot incident = openIncident();
    Map<String, Object> details = new HashMap<>();
    details.put("impactDescription", "Card payments fail for some customers");
    details.put("nextUpdateAt", "2026-01-01 12:00 UTC");

    Before before = prepare();
    long[] p0 = Probe.snapshot();
    HeapSampler heap = new HeapSampler(memory);
    long t0 = System.nanoTime();
    Integer enqueued = transaction.execute(status ->
        notifier.notifyAffectedCustomers(incident, Notice.CONFIRMED, "confirmed", details));
    long t1 = System.nanoTime();
    int accepted = sender.sendDue();
    long t2 = System.nanoTime();
    long peak = heap.stop();
    long[] p1 = Probe.snapshot();
    CpuMeter.Cpu used = cpu.since(before.cpu);
    long gc = gcMillis() - before.gcMillis;

    assertThat(enqueued).isEqualTo(CUSTOMERS);
    assertThat(accepted).isEqualTo(CUSTOMERS);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertOnePerCustomer(received, customers);
    Run run = new Run("platform", round, accepted, t2 - t0, before.heap, peak, retainedAfterGc(), used,
        Probe.minus(p1, p0), t1 - t0, t2 - t1, size(received[0]), gc);
    run.content = Content.of(first(received, customers.get(0).email()));
    log(run);
    return run;
  }

  // ------------------------------------------------------------------ the raw baseline

  /** One Session, ONE Transport connected once; per customer: build a multipart/alternative mail, send it. */
  private Run raw(int round, List<Customer> customers, Content content) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", TestSmtp.SMTP.getBindAddress());
    properties.put("mail.smtp.port", String.valueOf(TestSmtp.SMTP.getPort()));
    Session session = Session.getInstance(properties);
    InternetAddress from = InternetAddress.parse(mailProperties.from(), true)[0];

    Before before = prepare();
    HeapSampler heap = new HeapSampler(memory);
    Transport transport = session.getTransport("smtp");
    transport.connect(TestSmtp.SMTP.getBindAddress(), TestSmtp.SMTP.getPort(), null, null);
    long build = 0;
    long send = 0;
    long t0 = System.nanoTime();
    for (Customer customer : customers) {
      long b0 = System.nanoTime();
      MimeMessage message = rawMessage(session, from, customer, content);
      long b1 = System.nanoTime();
      transport.sendMessage(message, message.getAllRecipients());
      long b2 = System.nanoTime();
      build += b1 - b0;
      send += b2 - b1;
    }
    long t1 = System.nanoTime();
    long peak = heap.stop();
    CpuMeter.Cpu used = cpu.since(before.cpu);
    long gc = gcMillis() - before.gcMillis;
    transport.close();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertOnePerCustomer(received, customers);
    long[] parts = new long[Part_.values().length * 2];
    parts[Part_.RAW_BUILD.ordinal()] = build;
    parts[Part_.RAW_BUILD.ordinal() + Part_.values().length] = CUSTOMERS;
    parts[Part_.RAW_SEND.ordinal()] = send;
    parts[Part_.RAW_SEND.ordinal() + Part_.values().length] = CUSTOMERS;
    Run run = new Run("raw", round, received.length, t1 - t0, before.heap, peak, retainedAfterGc(), used, parts, 0,
        0, size(received[0]), gc);
    log(run);
    return run;
  }

  /** The raw loop's mail: multipart/alternative, a text and an HTML part, fixed content. */
  static MimeMessage rawMessage(Session session, InternetAddress from, Customer customer, Content content)
      throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO,
        new InternetAddress(customer.email(), customer.name(), StandardCharsets.UTF_8.name()));
    message.setSubject(content.subject, StandardCharsets.UTF_8.name());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(content.text, StandardCharsets.UTF_8.name());
    MimeBodyPart html = new MimeBodyPart();
    html.setText(content.html, StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  // ------------------------------------------------------------------ phases: preparation and checks

  private record Before(long heap, CpuMeter.Sample cpu, long gcMillis) {}

  /** Empties GreenMail, collects garbage: every phase starts from the same heap. */
  private Before prepare() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    System.gc();
    Thread.sleep(200);
    System.gc();
    return new Before(memory.getHeapMemoryUsage().getUsed(), cpu.sample(), gcMillis());
  }

  /** Heap in use after the phase and a GC, before GreenMail is emptied: mostly GreenMail's 10,000 stored mails. */
  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  private long retainedAfterGc() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void assertOnePerCustomer(MimeMessage[] received, List<Customer> customers) throws MessagingException {
    Map<String, Integer> perRecipient = new HashMap<>();
    for (MimeMessage message : received) {
      for (Address address : message.getRecipients(Message.RecipientType.TO)) {
        perRecipient.merge(((InternetAddress) address).getAddress(), 1, Integer::sum);
      }
    }
    Set<String> expected = customers.stream().map(Customer::email).collect(Collectors.toCollection(HashSet::new));
    assertThat(received).hasSize(customers.size());
    assertThat(perRecipient.keySet()).isEqualTo(expected);
    assertThat(perRecipient.values()).allMatch(count -> count == 1);
  }

  private static MimeMessage first(MimeMessage[] received, String email) throws MessagingException {
    for (MimeMessage message : received) {
      if (((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(email)) {
        return message;
      }
    }
    throw new AssertionError("No mail to " + email);
  }

  /** Bytes of one mail as GreenMail stored it (headers and body). */
  private static long size(MimeMessage message) throws IOException, MessagingException {
    long[] count = new long[1];
    message.writeTo(new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    });
    return count[0];
  }

  /** What the raw loop sends: subject, text and HTML of a real notice (customer 0's), fixed for every mail. */
  static final class Content {
    String subject;
    String text;
    String html;
    String structure;

    static Content of(MimeMessage message) throws MessagingException, IOException {
      Content content = new Content();
      content.subject = message.getSubject();
      content.structure = structure(message, content);
      return content;
    }

    private static String structure(Part part, Content content) throws MessagingException, IOException {
      String type = part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        List<String> children = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          children.add(structure(body, content));
        }
        return type + " (" + String.join(", ", children) + ")";
      }
      if (part.isMimeType("text/plain") && content.text == null) {
        content.text = part.getContent().toString();
      } else if (part.isMimeType("text/html") && content.html == null) {
        content.html = part.getContent().toString();
      }
      return type;
    }
  }

  private void log(Run run) {
    System.out.printf(Locale.ROOT, "[outbox-bench] round %d %-8s %,d mails in %.2f s = %.0f mails/s, heap before "
            + "%.0f MB, peak %.0f MB%n", run.round, run.phase, run.mails, run.seconds(), run.rate(),
        run.heapBefore / MB, run.heapPeak / MB);
  }

  // ------------------------------------------------------------------ results

  /** One phase of one round. {@code parts}: probe nanos then calls, by {@link Part_}. */
  static final class Run {
    final String phase;
    final int round;
    final int mails;
    final long nanos;
    final long heapBefore;
    final long heapPeak;
    final long heapRetained;
    final CpuMeter.Cpu cpu;
    final long[] parts;
    final long notifyNanos;
    final long sendDueNanos;
    final long bytesPerMail;
    final long gcMillis;
    Content content;

    Run(String phase, int round, int mails, long nanos, long heapBefore, long heapPeak, long heapRetained,
        CpuMeter.Cpu cpu, long[] parts, long notifyNanos, long sendDueNanos, long bytesPerMail, long gcMillis) {
      this.phase = phase;
      this.round = round;
      this.mails = mails;
      this.nanos = nanos;
      this.heapBefore = heapBefore;
      this.heapPeak = heapPeak;
      this.heapRetained = heapRetained;
      this.cpu = cpu;
      this.parts = parts;
      this.notifyNanos = notifyNanos;
      this.sendDueNanos = sendDueNanos;
      this.bytesPerMail = bytesPerMail;
      this.gcMillis = gcMillis;
    }

    double seconds() {
      return nanos / 1e9;
    }

    double rate() {
      return mails / seconds();
    }

    long nanos(Part_ part) {
      return parts[part.ordinal()];
    }

    long calls(Part_ part) {
      return parts[part.ordinal() + Part_.values().length];
    }
  }

  private String codeAtStart;

  private MarkdownReport report(List<Run> runs, Content content, Instant started, String othersAtStart,
      String loadAtStart) {
    List<Run> raws = runs.stream().filter(r -> r.round > 0 && r.phase.equals("raw")).toList();
    List<Run> platforms = runs.stream().filter(r -> r.round > 0 && r.phase.equals("platform")).toList();
    double rawRate = median(raws, Run::rate);
    double platformRate = median(platforms, Run::rate);
    double ratio = platformRate / rawRate;

    MarkdownReport out = new MarkdownReport();
    out.append("# Customer-mail benchmark\n\n");
    out.format("%s, %d CPUs, Java %s, max heap %.0f MB (%s), PostgreSQL %s (embedded; "
            + "fsync=%s, synchronous_commit=%s), GreenMail SMTP on %s:%d in the same JVM, outbox batch size %d, %s.%n%n",
        started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        memory.getHeapMemoryUsage().getMax() / MB, gcNames(),
        jdbc.sql("SHOW server_version").query(String.class).single(),
        jdbc.sql("SHOW fsync").query(String.class).single(),
        jdbc.sql("SHOW synchronous_commit").query(String.class).single(),
        TestSmtp.SMTP.getBindAddress(), TestSmtp.SMTP.getPort(), outboxProperties.batchSize(),
        PROBES.on() ? "probes on (-Doutbox.bench.probes=false turns them off)" : "probes off");
    String codeAtEnd = codeVersion();
    out.append("Code measured (the classes Maven compiled just before the run): ").append(codeAtStart)
        .append(codeAtEnd.equals(codeAtStart) ? "" : "; **the tree changed during the run**, at the end: " + codeAtEnd)
        .append(".\n\n");
    out.format("%,d customers subscribed to `%s`, one notice (`confirmed`, template "
            + "`customer-incident-confirmed`). **raw**: one Jakarta Mail `Transport` connected once, per customer a "
            + "new `MimeMessage` (%s) with a fixed text (%d chars) and HTML (%d chars) part copied from a platform "
            + "mail, `sendMessage`; timed from the first message built to the last accepted. **platform**: "
            + "`notifyAffectedCustomers` in a transaction (the notify step) through `OutboxSender.sendDue()` "
            + "returning. Platform mails: %s. Round 0 is a warm-up (not in the medians). Before each phase: GreenMail "
            + "emptied, `System.gc()`; heap sampled every 50 ms; \"retained\" = heap after the phase and a GC (mostly "
            + "GreenMail's store of the 10,000 received mails). The peak is mostly garbage not yet collected: with "
            + "the default G1 and this max heap, young collections run only when the young generation (hundreds of "
            + "MB) is full, so the peak shows allocation headroom, not what sending needs to live.%n%n",
        CUSTOMERS, SERVICE, "multipart/alternative", content.text.length(), content.html.length(),
        content.structure);

    out.table("rlrrrrrrrrl", "Round", "Phase", "Mails", "Seconds", "Mails/s", "Bytes/mail", "Heap before MB",
        "**Peak heap MB**", "Retained MB", "GC pauses ms", "CPU: this JVM / other processes (cores)");
    for (Run run : runs) {
      out.row("%s | %s | %,d | %.2f | %.0f | %,d | %.0f | **%.0f** | %.0f | %,d | %s",
          run.round == 0 ? "0 (warm-up)" : Integer.toString(run.round), run.phase, run.mails, run.seconds(),
          run.rate(), run.bytesPerMail, run.heapBefore / MB, run.heapPeak / MB, run.heapRetained / MB, run.gcMillis,
          run.cpu.known() ? String.format(Locale.ROOT, "%.2f / %.2f", run.cpu.jvm(), run.cpu.rest()) : "?");
    }
    out.append("\n").table("lrrr", "Median of rounds 1–" + ROUNDS, "Mails/s", "Seconds", "Peak heap MB");
    out.row("raw Jakarta Mail loop | %.0f | %.2f | %.0f", rawRate, median(raws, Run::seconds),
        median(raws, r -> r.heapPeak / MB));
    out.row("platform (notify → last mail accepted) | %.0f | %.2f | %.0f", platformRate,
        median(platforms, Run::seconds), median(platforms, r -> r.heapPeak / MB));
    out.format("%n**Ratio platform rate ÷ raw rate: %.2f** (median rates; per round: %s) — "
            + "target ≥ %.1f: **%s**. The target would need ≥ %.0f mails/s (%.2f s for %,d mails).%n",
        ratio, perRoundRatios(raws, platforms), TARGET, ratio >= TARGET ? "met" : "missed", TARGET * rawRate,
        CUSTOMERS / (TARGET * rawRate), CUSTOMERS);

    if (PROBES.on()) {
      breakdown(out, raws, platforms);
    }
    out.format("%nRun took %d s; 1-minute load average %s at the start, %s at the end; "
            + "other benchmark JVMs at the start: %s.%n", Duration.between(started, Instant.now()).toSeconds(),
        loadAtStart, LoadAverage.oneMinute(), othersAtStart);
    return out;
  }

  private static String perRoundRatios(List<Run> raws, List<Run> platforms) {
    List<String> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(raws.size(), platforms.size()); i++) {
      ratios.add(String.format(Locale.ROOT, "%.2f", platforms.get(i).rate() / raws.get(i).rate()));
    }
    return String.join(", ", ratios);
  }

  private void breakdown(MarkdownReport out, List<Run> raws, List<Run> platforms) {
    out.append("\n## Where the platform's time goes\n\n");
    out.append("Measured on the benchmark's thread by the probes (advice on `OutboxRepository`, a `Mailer` subclass, a timed "
        + "`ITemplateEngine`, a timed SMTP transport); medians over rounds 1–" + ROUNDS + ". \"rest\" is the "
        + "part of `sendDue` no probe covers: per mail `OutboxSender.render` outside `Mailer.render` (model JSON "
        + "parsed again, unsubscribe link signed), and the loop. Shares are of the platform's total time.\n\n");
    out.table("lrrrrr", "Part", "calls", "ms", "µs per mail", "share", "raw loop: same part");
    double total = median(platforms, r -> r.nanos / 1e6);
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"**Platform total** (notify step → last mail accepted)", null,
        (ToDoubleFunction<Run>) r -> r.nanos / 1e6, median(raws, r -> r.nanos / 1e6)});
    rows.add(new Object[] {"1. notify transaction (`notifyAffectedCustomers`: subscribers, model JSON, enqueue, commit)", null,
        (ToDoubleFunction<Run>) r -> r.notifyNanos / 1e6, null});
    rows.add(partRow("    · of which `OutboxRepository.enqueue` (INSERT mail, SELECT id, batched INSERT deliveries)",
        Part_.ENQUEUE));
    rows.add(new Object[] {"2. `OutboxSender.sendDue()`", null, (ToDoubleFunction<Run>) r -> r.sendDueNanos / 1e6,
        null});
    rows.add(partRow("    · claim queries (`OutboxRepository.claim`: SELECT ids … SKIP LOCKED, UPDATE, SELECT join)",
        Part_.CLAIM));
    rows.add(partRow("    · claim transaction commit", Part_.CLAIM_COMMIT));
    rows.add(partRow("    · rendering: Thymeleaf (`templates.process`, HTML + text)", Part_.THYMELEAF));
    rows.add(new Object[] {"    · rendering: MIME building (`Mailer.render` minus Thymeleaf)", Part_.MAILER_RENDER, (ToDoubleFunction<Run>) r -> (r.nanos(Part_.MAILER_RENDER)
        - r.nanos(Part_.THYMELEAF)) / 1e6, median(raws, r -> r.nanos(Part_.RAW_BUILD) / 1e6)});
    rows.add(partRow("    · SMTP connect (greeting, EHLO)", Part_.SMTP_CONNECT));
    rows.add(new Object[] {"    · SMTP `sendMessage` (MAIL FROM, RCPT TO, DATA: MIME written, server stores it)",
        Part_.SMTP_SEND, (ToDoubleFunction<Run>) r -> r.nanos(Part_.SMTP_SEND) / 1e6,
        median(raws, r -> r.nanos(Part_.RAW_SEND) / 1e6)});
    rows.add(partRow("    · SMTP close (QUIT)", Part_.SMTP_CLOSE));
    rows.add(partRow("    · marking rows: `markSent` (UPDATE, autocommit)", Part_.MARK_SENT));
    rows.add(partRow("    · marking rows: `markFailed`/`markRetry`/`release`", Part_.MARK_OTHER));
    rows.add(new Object[] {"    · rest (model JSON parse, link signing, loop)", null, (ToDoubleFunction<Run>) r ->
        (r.sendDueNanos - r.nanos(Part_.CLAIM) - r.nanos(Part_.CLAIM_COMMIT) - r.nanos(Part_.MAILER_RENDER)
            - r.nanos(Part_.SMTP_CONNECT) - r.nanos(Part_.SMTP_SEND) - r.nanos(Part_.SMTP_CLOSE)
            - r.nanos(Part_.MARK_SENT) - r.nanos(Part_.MARK_OTHER)) / 1e6, null});
    for (Object[] r : rows) {
      String label = (String) r[0];
      Part_ part = (Part_) r[1];
      @SuppressWarnings("unchecked")
      ToDoubleFunction<Run> ms = (ToDoubleFunction<Run>) r[2];
      Double raw = (Double) r[3];
      double value = median(platforms, ms);
      String calls = part == null ? "" : String.format(Locale.ROOT, "%,.0f", median(platforms, x -> x.calls(part)));
      out.row("%s | %s | %.0f | %.1f | %.1f %% | %s", label, calls, value, 1000 * value / CUSTOMERS,
          100 * value / total,
          raw == null ? "" : String.format(Locale.ROOT, "%.0f ms (%.1f µs/mail)", raw, 1000 * raw / CUSTOMERS));
    }
    double rawTotal = median(raws, r -> r.nanos / 1e6);
    double target = rawTotal / TARGET;
    out.format("%nThe raw loop needs %.0f ms; the target allows the platform %.0f ms (raw ÷ %.1f); it took %.0f ms, "
        + "%.0f ms over.%n", rawTotal, target, TARGET, total, Math.max(0, total - target));
  }

  private static Object[] partRow(String label, Part_ part) {
    return new Object[] {label, part, (ToDoubleFunction<Run>) r -> r.nanos(part) / 1e6, null};
  }

  private static double median(Collection<Run> runs, ToDoubleFunction<Run> value) {
    double[] values = runs.stream().mapToDouble(value).sorted().toArray();
    int n = values.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** The commit and any uncommitted change under src/main: the tree is shared, the code may differ from HEAD. */
  private static String codeVersion() {
    try {
      Path dir = Path.of(System.getProperty("basedir", "."));
      String head = git(dir, "rev-parse", "--short", "HEAD").trim();
      String changed = git(dir, "status", "--porcelain", "--", "src/main").lines().map(String::trim)
          .collect(Collectors.joining(", "));
      return "git " + head + (changed.isEmpty() ? ", no uncommitted change under src/main"
          : ", **with uncommitted changes**: " + changed);
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + ": " + output.trim());
    }
    return output;
  }

  private static String gcNames() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(", "));
  }

  // ------------------------------------------------------------------ diagnostics

  static final int DIAG_MAILS = 2_000;
  static final String HEAD_MAILER = "commit 8adcc35";
  static final int DIAG_CONNECTS = 20;

  private interface Op {
    void run(int i) throws Exception;
  }

  private interface MessageFactory {
    MimeMessage build(Session session, Customer customer) throws Exception;
  }

  /** Mean ms per operation of {@code n} operations, after as many untimed ones (warm-up). */
  private static double msEach(int n, Op op) throws Exception {
    for (int i = 0; i < n; i++) {
      op.run(i);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.run(i);
    }
    return (System.nanoTime() - t0) / 1e6 / n;
  }

  private static void diagRow(MarkdownReport out, String label, int n, double ms) {
    out.row("%s | %,d | %.3f", label, n, ms);
  }

  private static Session session(Properties extra) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", TestSmtp.SMTP.getBindAddress());
    properties.put("mail.smtp.port", String.valueOf(TestSmtp.SMTP.getPort()));
    properties.putAll(extra);
    return Session.getInstance(properties);
  }

  private static double connects(Session session) throws Exception {
    return msEach(DIAG_CONNECTS, i -> {
      Transport transport = session.getTransport("smtp");
      transport.connect(TestSmtp.SMTP.getBindAddress(), TestSmtp.SMTP.getPort(), null, null);
      transport.close();
    });
  }

  /** A plain socket: connect, read the 220 greeting, QUIT, read 221: the server's share of a connect. */
  private static double greetings() throws Exception {
    return msEach(DIAG_CONNECTS, i -> {
      try (java.net.Socket socket = new java.net.Socket(TestSmtp.SMTP.getBindAddress(), TestSmtp.SMTP.getPort())) {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("220")) {
          throw new IllegalStateException("No greeting: " + greeting);
        }
        socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in.readLine();
      }
    });
  }

  /** Mean ms per {@code sendMessage} of {@link #DIAG_MAILS} mails over one connection (messages built untimed). */
  private double sends(Session session, List<Customer> customers, MessageFactory factory) throws Exception {
    double[] result = new double[1];
    for (int rep = 0; rep < 2; rep++) {
      smtp.purgeEmailFromAllMailboxes();
      List<MimeMessage> messages = new ArrayList<>();
      for (int i = 0; i < DIAG_MAILS; i++) {
        messages.add(factory.build(session, customers.get(i)));
      }
      Transport transport = session.getTransport("smtp");
      transport.connect(TestSmtp.SMTP.getBindAddress(), TestSmtp.SMTP.getPort(), null, null);
      long t0 = System.nanoTime();
      for (MimeMessage message : messages) {
        transport.sendMessage(message, message.getAllRecipients());
      }
      result[0] = (System.nanoTime() - t0) / 1e6 / DIAG_MAILS;
      transport.close();
      assertThat(smtp.getReceivedMessages()).hasSize(DIAG_MAILS);
    }
    smtp.purgeEmailFromAllMailboxes();
    return result[0];
  }

  /** The platform's MIME structure (MimeMessageHelper, multipart mode: mixed/related/alternative), fixed content. */
  private static MimeMessage helperMessage(MimeMessage message, InternetAddress from, Customer customer,
      Content content, FileTypeMap sharedTypes) throws Exception {
    MimeMessageHelper helper = sharedTypes == null
        ? new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name())
        : new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name()) {
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
              return SHARED_TYPES;
            }
          };
    helper.setFrom(from);
    helper.setTo(new InternetAddress(customer.email(), customer.name(), StandardCharsets.UTF_8.name()));
    helper.setSubject(content.subject);
    helper.setText(content.text, content.html);
    return message;
  }

  private static final FileTypeMap SHARED_TYPES = sharedTypes();

  private static FileTypeMap sharedTypes() {
    ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
    types.afterPropertiesSet();
    return types;
  }

  /**
   * What explains the breakdown, measured in isolation after the rounds: the cost of an SMTP connect and where it
   * goes, of building the platform's MIME structure, of sending it, with and without the app's mail properties.
   */
  private MarkdownReport diagnostics(List<Customer> customers, Content content) throws Exception {
    InternetAddress from = InternetAddress.parse(mailProperties.from(), true)[0];
    Properties appProperties = new Properties();
    appProperties.putAll(mailSender.getJavaMailProperties());
    Properties localhost = new Properties();
    localhost.put("mail.smtp.localhost", "localhost");
    Session plain = session(new Properties());
    Session withAppProperties = session(appProperties);
    MessageFactory raw = (session, customer) -> rawMessage(session, from, customer, content);
    MessageFactory platformShaped = (session, customer) ->
        helperMessage(new MimeMessage(session), from, customer, content, SHARED_TYPES);

    MarkdownReport out = new MarkdownReport().append("\n## Diagnostics\n\n");
    out.format("Measured after the rounds, each after an equal untimed warm-up; mean ms per "
        + "operation. The app's mail properties (`spring.mail.properties`, on the session `OutboxSender` uses): `%s`.%n%n",
        new java.util.TreeMap<>(appProperties));
    out.table("lrr", "Measurement", "n", "ms each");
    diagRow(out, "SMTP connect (greeting, EHLO) + QUIT: the app's session (the one `OutboxSender` uses)",
        DIAG_CONNECTS, connects(mailSender.getSession()));
    diagRow(out, "  the same, a session with only host, port and the app's mail properties", DIAG_CONNECTS,
        connects(withAppProperties));
    diagRow(out, "  the same, a plain session (host, port: the raw loop's)", DIAG_CONNECTS, connects(plain));
    diagRow(out, "  the same, a plain session with `mail.smtp.localhost=localhost` (no local host name lookup)",
        DIAG_CONNECTS, connects(session(localhost)));
    diagRow(out, "  plain socket: connect, read the server's 220 greeting, QUIT (the server's share)",
        DIAG_CONNECTS, greetings());
    diagRow(out, "  `InetAddress.getLocalHost().getCanonicalHostName()` (what Jakarta Mail's EHLO name costs)",
        DIAG_CONNECTS, msEach(DIAG_CONNECTS, i -> java.net.InetAddress.getLocalHost().getCanonicalHostName()));
    diagRow(out, "Build the raw loop's mail (multipart/alternative)", DIAG_MAILS,
        msEach(DIAG_MAILS, i -> raw.build(plain, customers.get(i))));
    diagRow(out, "Build mixed/related/alternative with `MimeMessageHelper(message, true, UTF-8)` on a plain "
        + "`MimeMessage` (not Spring's SmartMimeMessage; `Mailer` at " + HEAD_MAILER + " does this)", DIAG_MAILS,
        msEach(DIAG_MAILS, i -> helperMessage(new MimeMessage(plain), from, customers.get(i), content, null)));
    diagRow(out, "  of which `new ConfigurableMimeFileTypeMap().afterPropertiesSet()` (what MimeMessageHelper "
        + "does per message that is not a SmartMimeMessage: loads and parses `mime.types`)", DIAG_MAILS,
        msEach(DIAG_MAILS, i -> sharedTypes()));
    diagRow(out, "  the same structure, one shared FileTypeMap", DIAG_MAILS,
        msEach(DIAG_MAILS, i -> platformShaped.build(plain, customers.get(i))));
    diagRow(out, "`sendMessage`, raw loop's mail, plain session (the baseline)", DIAG_MAILS,
        sends(plain, customers, raw));
    diagRow(out, "`sendMessage`, raw loop's mail, session with the app's mail properties", DIAG_MAILS,
        sends(withAppProperties, customers, raw));
    diagRow(out, "`sendMessage`, MimeMessageHelper's structure (mixed/related/alternative), plain session",
        DIAG_MAILS,
        sends(plain, customers, platformShaped));
    diagRow(out, "`sendMessage`, MimeMessageHelper's structure, session with the app's mail properties",
        DIAG_MAILS,
        sends(withAppProperties, customers, platformShaped));
    return out;
  }

  // ------------------------------------------------------------------ machine

  /** Other benchmark JVMs (they would take the CPUs this one measures with). */
  private static String otherBenchmarks() {
    List<String> others = ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> p.info().commandLine().orElse(""))
        .filter(cmd -> cmd.matches(".*(IntakeBenchmark|RerouteBenchmark).*") && cmd.contains("java"))
        .toList();
    if (!others.isEmpty()) {
      System.out.println("[outbox-bench] WARNING: other benchmark JVMs are running; figures will be low.");
    }
    return others.isEmpty() ? "none" : others.size() + " (figures are low)";
  }

  /** Samples the heap in use every 50 ms on a daemon thread; {@link #stop()} returns the peak. */
  static final class HeapSampler {
    private final MemoryMXBean memory;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    HeapSampler(MemoryMXBean memory) {
      this.memory = memory;
      this.peak = memory.getHeapMemoryUsage().getUsed();
      this.thread = new Thread(this::sample, "outbox-bench-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample() {
      while (running) {
        record();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void record() {
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used > peak) {
        peak = used;
      }
    }

    long stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      record();
      return peak;
    }
  }

  // ------------------------------------------------------------------ probes

  /** What the probes time. Underscore: {@link Part} is Jakarta Mail's. */
  enum Part_ {
    ENQUEUE, CLAIM, CLAIM_COMMIT, MAILER_RENDER, THYMELEAF, SMTP_CONNECT, SMTP_SEND, SMTP_CLOSE, MARK_SENT,
    MARK_OTHER, RAW_BUILD, RAW_SEND
  }

  /** Plain arrays: only the owner thread (the benchmark's) writes or reads them. */
  static final class Probe {
    static final int N = Part_.values().length;
    static final long[] nanos = new long[N];
    static final long[] calls = new long[N];

    static void add(Part_ part, long startNanos) {
      if (PROBES.counting()) {
        record(part, System.nanoTime() - startNanos);
      }
    }

    static void record(Part_ part, long elapsedNanos) {
      nanos[part.ordinal()] += elapsedNanos;
      calls[part.ordinal()]++;
    }

    static long[] snapshot() {
      long[] all = new long[2 * N];
      System.arraycopy(nanos, 0, all, 0, N);
      System.arraycopy(calls, 0, all, N, N);
      return all;
    }

    static long[] minus(long[] a, long[] b) {
      long[] d = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i] - b[i];
      }
      return d;
    }
  }

  /** The mailer of this test context: the app's, with {@code render} and its Thymeleaf calls timed. */
  static class TimedMailer extends Mailer {

    TimedMailer(JavaMailSender sender, ITemplateEngine templates, MailProperties properties) {
      super(sender, timed(templates), properties);
    }

    @Override
    MimeMessage render(MailMessage mail) {
      long t0 = System.nanoTime();
      try {
        return super.render(mail);
      } finally {
        Probe.add(Part_.MAILER_RENDER, t0);
      }
    }

    private static ITemplateEngine timed(ITemplateEngine target) {
      return (ITemplateEngine) Proxy.newProxyInstance(OutboxBenchmark.class.getClassLoader(),
          new Class<?>[] {ITemplateEngine.class}, (proxy, method, args) -> {
            boolean process = method.getName().startsWith("process");
            long t0 = System.nanoTime();
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (process) {
                Probe.add(Part_.THYMELEAF, t0);
              }
            }
          });
    }
  }

  /** The app's SMTP transport, with connect, sendMessage and close timed (installed as the Session's provider). */
  public static final class TimedSmtpTransport extends SMTPTransport {

    public TimedSmtpTransport(Session session, URLName urlname) {
      super(session, urlname);
    }

    @Override
    public synchronized void connect(String host, int port, String user, String password) throws MessagingException {
      long t0 = System.nanoTime();
      try {
        super.connect(host, port, user, password);
      } finally {
        Probe.add(Part_.SMTP_CONNECT, t0);
      }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
      long t0 = System.nanoTime();
      try {
        super.sendMessage(message, addresses);
      } finally {
        Probe.add(Part_.SMTP_SEND, t0);
      }
    }

    @Override
    public synchronized void close() throws MessagingException {
      long t0 = System.nanoTime();
      try {
        super.close();
      } finally {
        Probe.add(Part_.SMTP_CLOSE, t0);
      }
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "outbox.bench.probes", havingValue = "true", matchIfMissing = true)
  static class Probes {

    /**
     * Times the outbox's methods by name (enqueue, claim, markSent, markFailed/markRetry/release), whatever their
     * parameters: advice added to the bean's proxy (Spring's @Repository exception translation makes one).
     */
    @Bean
    static BeanPostProcessor outboxBenchmarkProbes() {
      return BeanAdvice.postProcessor(bean -> bean instanceof OutboxRepository ? Probes::timeOutbox : null);
    }

    private static Object timeOutbox(MethodInvocation invocation) throws Throwable {
      Part_ part = switch (invocation.getMethod().getName()) {
        case "enqueue" -> Part_.ENQUEUE;
        case "claim" -> Part_.CLAIM;
        case "markSent" -> Part_.MARK_SENT;
        case "markFailed", "markRetry", "release" -> Part_.MARK_OTHER;
        default -> null;
      };
      if (part == null) {
        return invocation.proceed();
      }
      return PROBES.time(invocation, nanos -> {
        Probe.record(part, nanos);
        if (part == Part_.CLAIM && TransactionSynchronizationManager.isSynchronizationActive()) {
          TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            long commitStart;

            @Override
            public void beforeCommit(boolean readOnly) {
              commitStart = System.nanoTime();
            }

            @Override
            public void afterCommit() {
              Probe.add(Part_.CLAIM_COMMIT, commitStart);
            }
          });
        }
      });
    }

    @Bean
    @Primary
    Mailer timedMailer(JavaMailSender sender, ITemplateEngine templates, MailProperties properties) {
      return new TimedMailer(sender, templates, properties);
    }
  }
}
