package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.LoginAttempts;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A live scrape after a register / login / fail / refresh / second-factor run with real delivery
 * channels (SMTP and the SMS webhook): it holds each domain metric of issue 7 with the labels SREs
 * query it by, with counts where the run must have moved them and every fixed label value present
 * (at zero where the run did not reach it), no label carries an unbounded value, and Prometheus's own
 * linter ({@code promtool check metrics}) accepts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTest {
  private static final String PASSWORD = "Latihan hitung angka 2026 pagi";
  private static final String USER = "metrics.user";
  /** A network no other test uses: the test services' Redis keeps throttles between test classes. */
  private static final String ATTACKER_IP = "198.18.7.77";
  private static final String WRONG_CODE_IP = "198.18.7.78";
  private static final int FAILURES_TO_LOCK = 3;
  private static final List<String> CONSUMER_GROUPS =
      List.of("lockout-consumer", "audit-consumer", "notification-consumer");
  private static final List<String> PUBLISHED_TOPICS =
      List.of("auth.login-events", "auth.account-events", "auth.notifications");
  private static final List<String> MFA_RESULTS = List.of("issued", "verified", "failed", "burned", "expired", "refused");
  private static final List<String> DELIVERY_RESULTS = List.of("sent", "failed", "dead_lettered", "duplicate", "skipped");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** What an unbounded label value looks like: ids, addresses, e-mails, long numbers. */
  private static final Pattern UNBOUNDED = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
          + "|\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|@|\\d{8,}|" + Pattern.quote(USER));
  private static final Set<String> BUCKET_BOUNDS = Set.of("le", "quantile");
  /** Most distinct values one label may take in this run; every label here comes from a fixed set. */
  private static final int MAX_VALUES_PER_LABEL = 40;

  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    // no reset of the shared services: with Redis flushed the lockout consumer would rebuild its windows
    // from the recent login events of earlier test classes under this run's small limits
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of(
        "TRUSTED_PROXIES", "127.0.0.0/8, ::1",
        "LOCKOUT_FAILURE_FACTOR", Integer.toString(FAILURES_TO_LOCK),
        "IP_THROTTLE_FAILURES", Integer.toString(FAILURES_TO_LOCK))));
    api = new ApiClient(app.baseUrl());
    accounts = new Accounts(api, channels.mail(), channels.sms());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (channels != null) {
        channels.close();
      }
    }
  }

  @Test
  @DisplayName("after a register, login, fail, refresh and second-factor run over real channels the scrape holds every domain metric with its labels, no unbounded label, and passes promtool")
  void scrapeHoldsDomainMetrics() throws Exception {
    runTheFlow();

    Map<String, Double> ofInterest = Eventually.await("the consumers to catch up and the lag to be measured",
        () -> samples(scrape()), MetricsScrapeTest::flowIsVisible);
    String text = scrape();
    Map<String, Double> samples = samples(text);

    for (String series : List.of("auth_login_attempts_total{outcome=\"success\"",
        "auth_login_attempts_total{outcome=\"failure\"", "auth_login_duration_seconds_bucket{",
        "auth_password_hash_duration_seconds_count", "auth_refresh_grants_total",
        "auth_refresh_reuse_detected_total", "auth_events_published_total{", "audit_rows_written_total",
        "auth_lockout_locks_total{", "auth_ip_throttled_total",
        // the labels SREs query by, with the values this run must have produced
        "auth_events_published_total{result=\"ok\",topic=\"auth.login-events\"}",
        "auth_events_published_total{result=\"ok\",topic=\"auth.notifications\"}",
        "auth_lockout_locks_total{kind=\"temporary\"}",
        "auth_mfa_challenges_total{result=\"issued\"}", "auth_mfa_challenges_total{result=\"verified\"}",
        "auth_mfa_challenges_total{result=\"failed\"}",
        "notification_deliveries_total{channel=\"email\",result=\"sent\"}",
        "notification_deliveries_total{channel=\"sms\",result=\"sent\"}",
        "notification_delivery_duration_seconds_count{channel=\"email\"}",
        "notification_delivery_duration_seconds_count{channel=\"sms\"}")) {
      assertTrue(sum(samples, series) > 0, series + " moved by the run; seen " + ofInterest.size() + " series");
    }
    // every fixed label value is there from the start, at zero where the run did not reach it, so rates
    // and alerts see the series before the first occurrence
    List<String> everyLabelValue = new ArrayList<>(List.of("auth_lockout_locks_total{kind=\"permanent\"}",
        "auth_refresh_grants_total{result=\"expired\"}", "auth_password_hash_queue_capacity"));
    MFA_RESULTS.forEach(result -> everyLabelValue.add("auth_mfa_challenges_total{result=\"" + result + "\"}"));
    for (String channel : List.of("email", "sms")) {
      DELIVERY_RESULTS.forEach(result -> everyLabelValue.add(
          "notification_deliveries_total{channel=\"" + channel + "\",result=\"" + result + "\"}"));
    }
    for (String topic : PUBLISHED_TOPICS) {
      for (String result : List.of("ok", "error", "refused")) {
        everyLabelValue.add("auth_events_published_total{result=\"" + result + "\",topic=\"" + topic + "\"}");
      }
    }
    for (String group : CONSUMER_GROUPS) {
      everyLabelValue.add("kafka_consumer_lag_records{group=\"" + group + "\",partition=\"");
    }
    List<String> missing = everyLabelValue.stream()
        .filter(series -> samples.keySet().stream().noneMatch(name -> labelsInOrder(name).startsWith(series)))
        .toList();
    assertEquals(List.of(), missing, "series missing from the scrape");
    for (String present : List.of("auth_password_hash_queue_depth", "auth_overload_refusals_total",
        "auth_lockout_active_locks", "audit_records_dead_lettered_total", "lockout_records_dead_lettered_total",
        "notification_records_dead_lettered_total", "auth_login_attempts_total{outcome=\"failure\",reason=\"bad_credentials\"",
        "auth_events_published_total{result=\"ok\"",
        "auth_login_duration_seconds_bucket{le=\"0.025\"", "jvm_memory_used_bytes", "vertx_http_server_requests_total")) {
      assertTrue(samples.keySet().stream().anyMatch(name -> labelsInOrder(name).startsWith(present)),
          "the scrape holds " + present);
    }
    URI webhook = URI.create(channels.sms().url());
    assertBoundedLabels(text, Set.of(webhook.getHost() + ":" + webhook.getPort()));
    promtoolAccepts(text);
  }

  private void runTheFlow() {
    assertEquals(201, api.postJson("/api/v1/accounts", new JsonObject().put("username", USER)
        .put("email", "metrics@example.id").put("password", PASSWORD)).status());
    JsonObject tokens = api.tokens(USER, PASSWORD);
    String refreshToken = tokens.getString("refresh_token");
    assertEquals(200, refresh(refreshToken).status(), "a refresh grant");
    assertEquals(401, refresh(refreshToken).status(), "the spent token again is reuse");

    LoginAttempts attempts = new LoginAttempts(app.baseUrl());
    for (int i = 0; i < FAILURES_TO_LOCK; i++) {
      assertEquals(401, attempts.login(USER, "wrong password", ATTACKER_IP).status());
    }

    // a login with e-mail codes: one wrong code, then the one from the mailbox
    TestAccount byEmail = accounts.registerVerified("metrics.mfa", "id");
    accounts.useEmailCodes(byEmail);
    int mailsBefore = channels.mail().messagesTo(byEmail.email()).size();
    String challengeId = accounts.loginUntilChallenge(byEmail).getString("challenge_id");
    String code = channels.mail().awaitNewCode(byEmail.email(), mailsBefore);
    // the wrong code comes from a network of its own, so it adds no failure to the one the rest comes from
    Answer wrongCode = api.postJson("/api/v1/auth/mfa/verify", new JsonObject().put("challenge_id", challengeId)
        .put("code", "000000".equals(code) ? "111111" : "000000"), Map.of("X-Forwarded-For", WRONG_CODE_IP));
    assertEquals(401, wrongCode.status(), wrongCode.toString());
    Answer verified = accounts.verify(challengeId, code);
    assertEquals(200, verified.status(), verified.toString());

    // a phone number verified by a code that goes out through the SMS webhook
    accounts.useSmsCodes(accounts.registerVerified("metrics.sms", "en"));
  }

  private Answer refresh(String refreshToken) {
    return api.postJson("/api/v1/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static boolean flowIsVisible(Map<String, Double> samples) {
    return sum(samples, "audit_rows_written_total") > 0 && sum(samples, "auth_lockout_locks_total{") > 0
        && sum(samples, "auth_ip_throttled_total") > 0
        && sum(samples, "notification_deliveries_total{channel=\"email\",result=\"sent\"}") > 0
        && sum(samples, "notification_deliveries_total{channel=\"sms\",result=\"sent\"}") > 0
        // the lag is 0 once caught up: its presence shows it is measured, for each consumer group
        && CONSUMER_GROUPS.stream().allMatch(group -> samples.keySet().stream()
            .anyMatch(name -> labelsInOrder(name).startsWith("kafka_consumer_lag_records{group=\"" + group + "\"")));
  }

  private String scrape() {
    Answer answer = api.get("/metrics");
    assertEquals(200, answer.status());
    return answer.text();
  }

  /** Series (name with labels as scraped) to value. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.find()) {
        String labels = sample.group(2) == null ? "" : "{" + sample.group(2) + "}";
        samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
      }
    }
    return samples;
  }

  /** Sum over the series starting with the prefix, labels compared in sorted order; 0 when none. */
  private static double sum(Map<String, Double> samples, String prefix) {
    return samples.entrySet().stream()
        .filter(entry -> labelsInOrder(entry.getKey()).startsWith(prefix) || entry.getKey().startsWith(prefix))
        .mapToDouble(Map.Entry::getValue).filter(value -> !Double.isNaN(value)).sum();
  }

  /** The series with its labels sorted by name, so prefixes can name the first labels they care about. */
  private static String labelsInOrder(String series) {
    int open = series.indexOf('{');
    if (open < 0) {
      return series;
    }
    List<String> labels = new ArrayList<>();
    Matcher label = LABEL.matcher(series.substring(open));
    while (label.find()) {
      labels.add(label.group(0));
    }
    labels.sort(null);
    return series.substring(0, open) + "{" + String.join(",", labels) + "}";
  }

  /**
   * @param configuredUpstreams host:port of the HTTP endpoints the app was configured to call (the SMS
   *     webhook): Vert.x names each HTTP client pool after its server, so {@code pool_name} of a
   *     {@code pool_type="http"} series holds one of them. That value comes from configuration, never
   *     from a request, so it is bounded even when it is an address; any other address still fails.
   */
  private static void assertBoundedLabels(String text, Set<String> configuredUpstreams) {
    Map<String, Set<String>> valuesByLabel = new HashMap<>();
    for (String series : samples(text).keySet()) {
      int open = series.indexOf('{');
      if (open < 0) {
        continue;
      }
      String name = series.substring(0, open);
      Matcher label = LABEL.matcher(series.substring(open));
      while (label.find()) {
        String value = label.group(2);
        if (BUCKET_BOUNDS.contains(label.group(1))) {
          continue; // fixed by the histogram's definition
        }
        boolean upstreamPool = "pool_name".equals(label.group(1)) && series.contains("pool_type=\"http\"")
            && configuredUpstreams.contains(value);
        assertTrue(upstreamPool || !UNBOUNDED.matcher(value).find(), "unbounded label value in " + series);
        valuesByLabel.computeIfAbsent(name + "/" + label.group(1), key -> new HashSet<>()).add(value);
      }
    }
    valuesByLabel.forEach((label, values) -> assertTrue(values.size() <= MAX_VALUES_PER_LABEL,
        label + " takes " + values.size() + " values: " + values));
  }

  private static void promtoolAccepts(String text) throws IOException, InterruptedException {
    boolean installed = promtoolInstalled();
    if (!installed) {
      System.out.println("SKIPPED promtool check metrics: promtool not installed (apt-get install prometheus)");
    }
    Assumptions.assumeTrue(installed, "SKIPPED promtool check metrics: promtool not installed (apt-get install prometheus)");
    Path scrape = Files.createTempFile("scrape-", ".prom");
    try {
      Files.writeString(scrape, text, StandardCharsets.UTF_8);
      Process promtool = new ProcessBuilder("promtool", "check", "metrics")
          .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
      String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(promtool.waitFor(ApiClient.HANG_LIMIT.toSeconds(), TimeUnit.SECONDS), "promtool finished");
      assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + output);
    } finally {
      Files.deleteIfExists(scrape);
    }
  }

  private static boolean promtoolInstalled() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
        return true;
      }
    }
    return false;
  }
}
