package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.LoginAttempts;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Brute-force protection end to end: the whole app behind a trusted proxy (each test sends its own
 * X-Forwarded-For addresses so tests never share a per-IP budget) plus a second api instance that
 * trusts no proxy, both on one clock the tests move forward instead of waiting out locks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutTest {
  private static final String ADMIN = "lockout-admin";
  private static final String ADMIN_PASSWORD = "an administrator's long passphrase";
  private static final String PASSWORD = "Kata sandi yang benar 2026";
  private static final String WRONG = "kata sandi yang salah 2026";
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger unique = new AtomicInteger();
  private static final String QUEUED_HASHES = "256";

  private RunningApp app;
  private RunningApp second;
  private ApiClient api;
  private LoginAttempts viaProxy;
  private LoginAttempts direct;
  private String adminId;
  private Vertx vertx;
  private Redis redisClient;
  private RedisAPI redis;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    TestServices.get().reset(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    // a hash queue that holds the bursts below: these tests are about the lockout guard, and a full
    // queue's 503 overloaded (OverloadTest) would hide what the guard decided
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN,
        "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD, "TRUSTED_PROXIES", "127.0.0.0/8, ::1",
        "HASH_QUEUE_CAPACITY", QUEUED_HASHES), clock);
    second = RunningApp.start(EnumSet.of(Role.API), Map.of("HASH_QUEUE_CAPACITY", QUEUED_HASHES), clock);
    api = new ApiClient(app.baseUrl());
    viaProxy = new LoginAttempts(app.baseUrl());
    direct = new LoginAttempts(second.baseUrl());
    adminId = api.get("/api/v1/me", adminToken()).json().getString("id");
    redisClient = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(TestServices.get().endpoints().redis().connectionString()));
    redis = RedisAPI.api(redisClient);
  }

  @AfterAll
  void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    if (app != null) {
      app.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the policy table step by step: 5 failures lock 15 min, the next lock 30 min, the third is permanent until an admin unlocks, and a success clears the count")
  void policyTable() {
    String ip = nextIp();
    String name = nextName("table");
    String accountId = register(name, null);

    for (int i = 1; i <= 4; i++) {
      assertEquals(401, viaProxy.login(name, WRONG, ip).status());
    }
    awaitState(accountId, state -> state.getInteger("failuresInWindow") == 4);
    assertEquals(200, viaProxy.login(name, PASSWORD, ip).status(), "four failures do not lock");
    JsonObject cleared = awaitState(accountId, state -> state.getInteger("failuresInWindow") == 0);
    assertEquals(0, cleared.getInteger("locksIn24h"));

    Instant firstLockAt = failUntilLocked(name, ip, 5);
    JsonObject firstLock = awaitState(accountId, state -> state.getInteger("locksIn24h") == 1);
    Instant lockedUntil = Instant.parse(firstLock.getString("lockedUntil"));
    assertBetween(Duration.ofMinutes(15).minusSeconds(5), Duration.ofMinutes(15).plusSeconds(1),
        Duration.between(firstLockAt, lockedUntil));
    assertFalse(firstLock.getBoolean("permanent"));

    Answer locked = viaProxy.login(name, PASSWORD, ip);
    assertLocked(locked, false);
    assertEquals(firstLock.getString("lockedUntil"), locked.json().getString("lockedUntil"));
    long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > 850 && retryAfter <= 900, "Retry-After " + retryAfter);

    clock.advance(Duration.ofMinutes(15).plusSeconds(5));
    assertEquals(200, viaProxy.login(name, PASSWORD, ip).status(), "the lock ends after 15 minutes");

    Instant secondLockAt = failUntilLocked(name, ip, 5);
    JsonObject secondLock = awaitState(accountId, state -> state.getInteger("locksIn24h") == 2);
    assertBetween(Duration.ofMinutes(30).minusSeconds(5), Duration.ofMinutes(30).plusSeconds(1),
        Duration.between(secondLockAt, Instant.parse(secondLock.getString("lockedUntil"))));
    clock.advance(Duration.ofMinutes(30).plusSeconds(5));

    failUntilLocked(name, ip, 5);
    JsonObject third = awaitState(accountId, state -> state.getBoolean("permanent"));
    assertNull(third.getString("lockedUntil"));
    assertEquals(3, third.getInteger("locksIn24h"));
    clock.advance(Duration.ofHours(25));
    Answer permanent = viaProxy.login(name, PASSWORD, ip);
    assertLocked(permanent, true);
    assertTrue(permanent.header("Retry-After").isEmpty(), "waiting does not end a permanent lock");
    assertTrue(permanent.json().getString("detail").contains("contact support"), permanent.toString());

    assertEquals(204, viaProxy.post("/api/v1/admin/accounts/" + accountId + "/unlock", adminToken()).status());
    awaitState(accountId, state -> !state.getBoolean("permanent") && state.getInteger("locksIn24h") == 0);
    assertEquals(200, viaProxy.login(name, PASSWORD, ip).status(), "an administrator's unlock lets the owner in");

    JsonArray locks = awaitAudit(accountId, "account.locked", 3);
    assertEquals(3, locks.size(), locks.encodePrettily());
    JsonObject permanentLock = locks.getJsonObject(0).getJsonObject("details");
    assertTrue(permanentLock.getBoolean("permanent"));
    assertEquals(ip, permanentLock.getString("ip"));
    JsonArray unlocks = awaitAudit(accountId, "account.unlocked", 3);
    List<String> by = unlocks.stream().map(item -> ((JsonObject) item).getJsonObject("details").getString("by")).toList();
    assertEquals(List.of("admin", "expiry", "expiry"), by, unlocks.encodePrettily());
    assertEquals(adminId, unlocks.getJsonObject(0).getJsonObject("details").getString("actor"));
    assertTrue(awaitAudit(accountId, "login.rejected", 2).stream()
        .allMatch(item -> "locked".equals(((JsonObject) item).getString("reason"))));
  }

  @Test
  @DisplayName("a lock e-mails the owner through the notification consumer: when, from which IP, until when, what to do")
  void lockNotifiesOwner() {
    String ip = nextIp();
    String name = nextName("notified");
    String accountId = register(name, null);
    failUntilLocked(name, ip, 5);
    // the registration's verification message to the same account is in the outbox before it: wait for the lock's
    JsonObject message = Eventually.await("the lock message in the dev outbox",
        () -> outboxMessageFor(accountId, "account-locked"), found -> found != null);
    assertEquals("account-locked", message.getString("template"));
    assertEquals("id", message.getString("locale"));
    JsonObject data = message.getJsonObject("data");
    assertEquals(ip, data.getString("ip"));
    assertNotNull(data.getString("when"));
    assertNotNull(data.getString("lockedUntil"));
    assertTrue(data.getString("whatToDo").contains("reset your password"), data.encode());
    assertFalse(message.encode().contains(WRONG), "no password in the message");
  }

  @Test
  @DisplayName("200 concurrent wrong passwords over two instances cost at most 6 verifications; every other attempt gets 423")
  void burstAcrossTwoInstances() throws Exception {
    String ip = nextIp();
    String name = nextName("burst");
    String accountId = register(name, null);
    List<CompletableFuture<Answer>> attempts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      attempts.add(i % 2 == 0 ? viaProxy.loginAsync(name, WRONG, ip, null) : direct.loginAsync(name, WRONG, null, null));
    }
    CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    long refused = attempts.stream().filter(answer -> answer.join().status() == 401).count();
    long locked = attempts.stream().filter(answer -> answer.join().status() == 423).count();
    System.out.println("[LockoutTest] burst of 200: " + refused + " verified and refused (401), " + locked + " locked (423)");
    assertTrue(refused <= 6, refused + " password verifications");
    assertEquals(200, refused + locked, "every attempt that was not verified got 423");
    attempts.stream().map(CompletableFuture::join).filter(answer -> answer.status() == 423)
        .forEach(answer -> assertEquals("/problems/account-locked", answer.json().getString("type")));

    Eventually.await("every rejection in the audit trail", () -> auditCount(accountId, "login.rejected"),
        count -> count == locked);
    Eventually.await("every verified failure in the audit trail", () -> auditCount(accountId, "login.failed"),
        count -> count == refused);
    assertEquals(refused, Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ? "
        + "AND type = 'login.failed' AND reason = 'bad_credentials'", UUID.fromString(accountId)));
  }

  @Test
  @DisplayName("concurrent logins with the right password, to one account and to different ones, are never refused for concurrency")
  void concurrentRightPasswordsAllSucceed() throws Exception {
    String ip = nextIp();
    String shared = nextName("shared");
    register(shared, null);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(nextName("other"));
      register(others.get(i), null);
    }
    List<CompletableFuture<Answer>> logins = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      LoginAttempts instance = i % 2 == 0 ? viaProxy : direct;
      logins.add(instance.loginAsync(shared, PASSWORD, ip, null));
      logins.add(instance.loginAsync(others.get(i % others.size()), PASSWORD, ip, null));
    }
    CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    logins.forEach(login -> assertEquals(200, login.join().status(), login.join().toString()));
  }

  @Test
  @DisplayName("failures on the username, the e-mail and the NIK of one account share one budget")
  void identifierRotationSharesBudget() {
    String ip = nextIp();
    String name = nextName("rotation");
    String nik = String.format("3174%012d", unique.incrementAndGet() * 7919L);
    String accountId = register(name, nik);
    List<String> identifiers = List.of(name, name + "@example.id", nik);
    for (int i = 0; i < 4; i++) {
      assertEquals(401, viaProxy.login(identifiers.get(i % 3), WRONG, ip).status());
    }
    awaitState(accountId, state -> state.getInteger("failuresInWindow") == 4);
    assertEquals(401, viaProxy.login(identifiers.get(1), WRONG, ip).status());
    awaitState(accountId, state -> state.getInteger("locksIn24h") == 1);
    for (String identifier : identifiers) {
      assertLocked(viaProxy.login(identifier, PASSWORD, ip), false);
    }
  }

  @Test
  @DisplayName("an identifier that matches no account locks exactly like a real one: same statuses, same body shape")
  void unknownIdentifiersLockAlike() {
    String ip = nextIp();
    String real = nextName("real");
    register(real, null);
    String ghost = nextName("ghost");
    List<Answer> realAnswers = new ArrayList<>();
    List<Answer> ghostAnswers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      realAnswers.add(viaProxy.login(real, WRONG, ip));
      ghostAnswers.add(viaProxy.login(ghost, WRONG, ip));
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(401, realAnswers.get(i).status());
      assertEquals(realAnswers.get(i).text(), ghostAnswers.get(i).text(), "the same 401 body");
    }
    Answer realLocked = viaProxy.login(real, PASSWORD, ip);
    Answer ghostLocked = viaProxy.login(ghost, PASSWORD, ip);
    assertLocked(realLocked, false);
    assertLocked(ghostLocked, false);
    assertEquals(realLocked.json().fieldNames(), ghostLocked.json().fieldNames());
    assertEquals(realLocked.json().getString("title"), ghostLocked.json().getString("title"));
    assertEquals(realLocked.header("Retry-After").isPresent(), ghostLocked.header("Retry-After").isPresent());
  }

  @Test
  @DisplayName("device token: an attacker locks the account, yet the owner's known device still logs in; failures on a device token lock only it")
  void deviceTokenKeepsOwnerIn() {
    String ownerIp = nextIp();
    String attackerIp = nextIp();
    String name = nextName("device");
    String accountId = register(name, null);
    Answer first = viaProxy.login(name, PASSWORD, ownerIp);
    assertEquals(200, first.status());
    String deviceToken = first.json().getString("device_token");
    assertNotNull(deviceToken);
    String cookie = first.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("device_token="))
        .findFirst().orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/api/v1/auth"),
        cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag");

    failUntilLocked(name, attackerIp, 5);
    awaitState(accountId, state -> state.getInteger("locksIn24h") == 1);
    assertLocked(viaProxy.login(name, PASSWORD, ownerIp), false);
    Answer withDevice = viaProxy.login(name, PASSWORD, ownerIp, deviceToken);
    assertEquals(200, withDevice.status(), withDevice.toString());

    String other = nextName("device-other");
    String otherId = register(other, null);
    String otherToken = viaProxy.login(other, PASSWORD, ownerIp).json().getString("device_token");
    assertLocked(viaProxy.login(name, PASSWORD, ownerIp, otherToken), false);

    for (int i = 0; i < 5; i++) {
      assertEquals(401, viaProxy.login(other, WRONG, attackerIp, otherToken).status());
    }
    assertLocked(viaProxy.login(other, PASSWORD, ownerIp, otherToken), false);
    assertEquals(200, viaProxy.login(other, PASSWORD, ownerIp).status(), "the account itself is not locked");
    JsonArray failures = awaitAudit(otherId, "login.failed", 5);
    assertFalse(failures.encode().contains(otherToken), "the token never reaches the audit trail");
    assertNotNull(failures.getJsonObject(0).getJsonObject("details").getString("deviceId"));
  }

  @Test
  @DisplayName("30 failures from one network throttle it (IPv6 by /64) with 429; an X-Forwarded-For from an untrusted peer is ignored")
  void perIpThrottle() {
    String ip = nextIp();
    for (int i = 0; i < 30; i++) {
      assertEquals(401, viaProxy.login(nextName("spray"), WRONG, ip).status());
    }
    Answer throttled = Eventually.await("the network throttled", () -> viaProxy.login(nextName("spray"), WRONG, ip),
        answer -> answer.status() == 429);
    assertEquals("/problems/rate-limited", throttled.json().getString("type"));
    long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
    assertEquals(401, viaProxy.login(nextName("spray"), WRONG, nextIp()).status(), "another network is not throttled");
    assertEquals(429, viaProxy.login(nextName("spray"), WRONG, ip + ", 127.0.0.9").status(),
        "trusted hops on the right are skipped");

    String forged = direct.login(nextName("spray"), WRONG, ip).text();
    assertEquals("/problems/invalid-credentials", new JsonObject(forged).getString("type"),
        "an untrusted peer's X-Forwarded-For is ignored");

    String prefix = "2001:db8:" + Integer.toHexString(unique.incrementAndGet()) + ":7:";
    for (int i = 1; i <= 30; i++) {
      assertEquals(401, viaProxy.login(nextName("spray6"), WRONG, prefix + ":" + Integer.toHexString(i)).status());
    }
    Eventually.await("the /64 throttled", () -> viaProxy.login(nextName("spray6"), WRONG, prefix + "abcd:1:2:3").status(),
        status -> status == 429);

    clock.advance(Duration.ofMinutes(15).plusSeconds(5));
    assertEquals(401, viaProxy.login(nextName("spray"), WRONG, ip).status(), "the throttle ends after 15 minutes");
  }

  private Instant failUntilLocked(String identifier, String ip, int failures) {
    Instant last = null;
    for (int i = 0; i < failures; i++) {
      last = clock.instant();
      Answer answer = viaProxy.login(identifier, WRONG, ip);
      assertEquals(401, answer.status(), answer.toString());
    }
    Answer sixth = viaProxy.login(identifier, WRONG, ip);
    assertEquals(423, sixth.status(), "the attempt after the failure factor is refused without hashing: " + sixth);
    assertEquals("/problems/account-locked", sixth.json().getString("type"));
    return last;
  }

  private static void assertLocked(Answer answer, boolean permanent) {
    assertEquals(423, answer.status(), answer.toString());
    JsonObject body = answer.json();
    assertEquals("/problems/account-locked", body.getString("type"));
    assertEquals(permanent, body.getBoolean("permanent"));
    assertTrue(body.containsKey("lockedUntil"));
    assertEquals(permanent, body.getString("lockedUntil") == null);
    assertTrue(body.getString("detail").contains(permanent ? "contact support" : "reset your password"), body.encode());
    if (!permanent) {
      assertTrue(answer.header("Retry-After").isPresent());
    }
  }

  private static void assertBetween(Duration low, Duration high, Duration actual) {
    assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0, actual + " not within " + low + ".." + high);
  }

  private String register(String username, String nik) {
    JsonObject person = new JsonObject().put("username", username).put("email", username + "@example.id")
        .put("password", PASSWORD);
    if (nik != null) {
      person.put("nationalId", nik);
    }
    Answer answer = api.postJson("/api/v1/accounts", person);
    assertEquals(201, answer.status(), answer.toString());
    return answer.json().getString("id");
  }

  private JsonObject awaitState(String accountId, Predicate<JsonObject> done) {
    return Eventually.await("lock state of " + accountId, () -> {
      Answer answer = viaProxy.get("/api/v1/admin/accounts/" + accountId + "/lockout", adminToken());
      assertEquals(200, answer.status(), answer.toString());
      return answer.json();
    }, done);
  }

  private JsonArray awaitAudit(String accountId, String type, int atLeast) {
    return Eventually.await(atLeast + " " + type + " events", () -> viaProxy.get("/api/v1/audit/events?accountId="
        + accountId + "&type=" + type + "&limit=100", adminToken()).items(), items -> items != null && items.size() >= atLeast);
  }

  private long auditCount(String accountId, String type) {
    return Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ? AND type = ?",
        UUID.fromString(accountId), type);
  }

  private JsonObject outboxMessageFor(String accountId, String template) {
    try {
      Response list = redis.lrange("auth:dev-outbox", "0", "-1").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      for (Response item : list) {
        JsonObject message = new JsonObject(item.toString());
        if (accountId.equals(message.getString("accountId")) && template.equals(message.getString("template"))) {
          return message;
        }
      }
      return null;
    } catch (Exception e) {
      throw new AssertionError("reading the dev outbox failed: " + e, e);
    }
  }

  /** A fresh token each time: tests move the clock past token and session lifetimes. */
  private String adminToken() {
    return api.accessToken(ADMIN, ADMIN_PASSWORD);
  }

  private String nextName(String prefix) {
    return prefix + "." + unique.incrementAndGet();
  }

  /** A documentation-range address of its own for each use, so tests never share a per-IP budget. */
  private String nextIp() {
    int n = unique.incrementAndGet();
    assertNotEquals(0, n);
    return "198.51." + (n / 250) + "." + (1 + n % 250);
  }
}
