package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.app.testing.TopicReader;
import dev.portal.login.app.testing.TopicReader.RawRecord;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The edges of getting back in: links that expire or are used twice, a permanent lock that only a
 * reset (or an administrator) lifts, an SMS that cannot be delivered, and what the audit trail says
 * about a code that was sent. The app's clock is moved instead of waiting hours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryEdgesTest {
  private static final String NEW_PASSWORD = "Gunung Rinjani di Lombok 3726";
  private static final String VERIFY_PATH = "/verify-email";
  private static final String RESET_PATH = "/reset-password";
  private static final int SMS_ATTEMPTS = 3;

  private final MutableClock clock = new MutableClock();
  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of(
        "IP_THROTTLE_FAILURES", "1000",
        "SMS_RETRY_ATTEMPTS", Integer.toString(SMS_ATTEMPTS),
        "SMS_RETRY_INITIAL_BACKOFF_MS", "100")), clock);
    api = new ApiClient(app.baseUrl());
    accounts = new Accounts(api, channels.mail(), channels.sms(), clock);
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (channels != null) {
      channels.close();
    }
    // the shared services must not keep rows and keys dated in this test's future
    TestServices.get().resetNow();
  }

  @Test
  @DisplayName("an e-mail verification link works once, and a new one not after 24 hours")
  void verificationLinkOnceAndNotAfterADay() {
    TestAccount first = accounts.register("tautan.sekali", "id");
    String token = channels.mail().awaitMessageMentioning(first.email(), VERIFY_PATH + "?token=").token(VERIFY_PATH);
    assertEquals(204, verifyEmail(token).status());
    Answer again = verifyEmail(token);
    assertEquals(410, again.status(), "a verification link works once: " + again);
    assertEquals("/problems/invalid-token", again.json().getString("type"));

    TestAccount late = accounts.register("tautan.basi", "en");
    String lateToken = channels.mail().awaitMessageMentioning(late.email(), VERIFY_PATH + "?token=").token(VERIFY_PATH);
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    Answer expired = verifyEmail(lateToken);
    assertEquals(410, expired.status(), "a day and a minute later: " + expired);
    assertEquals("/problems/invalid-token", expired.json().getString("type"));
    assertEquals(0, Database.count("SELECT count(*) FROM identity.account WHERE id = ?::uuid "
        + "AND email_verified_at IS NOT NULL", late.id()), "nothing was verified");
  }

  @Test
  @DisplayName("a reset link is refused after 30 minutes and the password stays as it was")
  void resetLinkExpires() {
    TestAccount account = accounts.registerVerified("reset.basi", "id");
    String token = resetLink(account);
    clock.advance(Duration.ofMinutes(31));
    Answer late = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD));
    assertEquals(410, late.status(), late.toString());
    assertEquals("/problems/invalid-token", late.json().getString("type"));
    assertEquals(200, login(account.username(), account.password()).status(), "the old password still works");
  }

  @Test
  @DisplayName("the third lock in a day is permanent, even for the right password; a completed reset lifts it")
  void resetLiftsAPermanentLock() {
    TestAccount account = accounts.registerVerified("kunci.permanen", "id");
    for (int lock = 1; lock <= 3; lock++) {
      Answer locked = Eventually.await("lock " + lock,
          () -> login(account.username(), "tebakan yang salah lagi"), answer -> answer.status() == 423);
      if (lock < 3) {
        assertEquals(false, locked.json().getBoolean("permanent"), locked.toString());
        // past this lock (the first is 15 minutes, the second 30), so the next failures lock again
        clock.advance(Duration.ofMinutes(15L * lock + 1));
      }
    }
    Answer permanent = Eventually.await("the permanent lock landed", () -> login(account.username(),
        account.password()), answer -> answer.status() == 423 && answer.json().getBoolean("permanent", false));
    assertTrue(permanent.header("Retry-After").isEmpty(), "a permanent lock names no time: " + permanent);

    assertEquals(204, reset(new JsonObject().put("token", resetLink(account)).put("new_password", NEW_PASSWORD))
        .status());
    Answer after = Eventually.await("the reset lifted the permanent lock",
        () -> login(account.username(), NEW_PASSWORD), answer -> answer.status() != 423);
    assertEquals(200, after.status(), after.toString());
    Eventually.await("the lift announced by reset", () -> Database.count("SELECT count(*) FROM audit.audit_event "
        + "WHERE account_id = ?::uuid AND type = 'account.unlocked' AND details->>'by' = 'reset'", account.id()),
        count -> count == 1);
  }

  @Test
  @DisplayName("an SMS the webhook keeps refusing is retried, then lands on the dead-letter topic with the reason, still sealed")
  void undeliverableSmsIsDeadLettered() {
    TestAccount account = accounts.registerVerified("sms.gagal", "id");
    String token = accounts.accessToken(account);
    String phone = Accounts.uniquePhone();
    int deadBefore = deadLettersFromNotifications().size();
    channels.sms().answerUnavailable(SMS_ATTEMPTS);
    assertEquals(202, api.postWithBearer("/api/v1/me/phone", token, new JsonObject().put("phone", phone)).status());

    List<RawRecord> dead = Eventually.await("the SMS dead-lettered", this::deadLettersFromNotifications,
        records -> records.size() > deadBefore);
    RawRecord letter = dead.get(dead.size() - 1);
    assertEquals("sms webhook answered 503 after " + SMS_ATTEMPTS + " attempts", letter.headers().get(
        Topics.HEADER_DLQ_REASON), letter.headers().toString());
    assertEquals(SMS_ATTEMPTS, channels.sms().attemptsTo(phone).size(), "every attempt reached the webhook");
    assertTrue(channels.sms().deliveredTo(phone).isEmpty(), "none was answered 2xx");
    assertFalse(letter.value().contains(phone.substring(3)), "the destination stays sealed in the dead letter");
  }

  @Test
  @DisplayName("the audit trail records that a code was sent, by which channel and to a masked address, never the address or the code")
  void codeSentIsAuditedMasked() {
    TestAccount account = accounts.registerVerified("kode.terkirim", "en");
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();
    String challengeId = accounts.loginUntilChallenge(account).getString("challenge_id");
    String code = channels.mail().awaitNewCode(account.email(), before);

    String details = Eventually.await("mfa.code_sent in the audit trail", () -> Database.text(
        "SELECT details::text FROM audit.audit_event WHERE account_id = ?::uuid AND type = 'mfa.code_sent' "
            + "AND details->>'challengeId' = ?", account.id(), challengeId), text -> text != null);
    JsonObject recorded = new JsonObject(details);
    assertEquals("email", recorded.getString("channel"), details);
    String masked = recorded.getString("destination");
    String domain = account.email().substring(account.email().indexOf('@'));
    assertTrue(masked.endsWith(domain) && masked.contains("*"), "masked, with the domain kept: " + masked);
    assertFalse(details.contains(account.email()), "never the whole address: " + details);
    assertFalse(details.contains(code), "never the code: " + details);
  }

  private List<RawRecord> deadLettersFromNotifications() {
    return TopicReader.records(Topics.DEAD_LETTER).stream()
        .filter(record -> String.valueOf(record.headers().get(Topics.HEADER_DLQ_SOURCE))
            .startsWith(Topics.NOTIFICATIONS + "-"))
        .toList();
  }

  private String resetLink(TestAccount account) {
    int before = channels.mail().messagesTo(account.email()).size();
    assertEquals(202, api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", account.email()))
        .status());
    return channels.mail().awaitNewMessage(account.email(), before, mail -> mail.mentions(RESET_PATH + "?token="))
        .token(RESET_PATH);
  }

  private Answer verifyEmail(String token) {
    return api.postJson("/api/v1/accounts/verify-email", new JsonObject().put("token", token));
  }

  private Answer reset(JsonObject body) {
    return api.postJson("/api/v1/password/reset", body);
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }
}
