package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The limits of one-time codes: tries per challenge, lifetime, resends. The app's clock is moved by
 * the test instead of waiting; lockout is set high so only the challenge's own limits act here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeLimitsTest {
  private static final Duration CODE_TTL = Duration.ofSeconds(300);
  private static final Duration RESEND_COOLDOWN = Duration.ofSeconds(60);

  private final MutableClock clock = new MutableClock();
  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    resetServices();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of(
        "MFA_CODE_TTL_SECONDS", Long.toString(CODE_TTL.toSeconds()),
        "MFA_RESEND_COOLDOWN_SECONDS", Long.toString(RESEND_COOLDOWN.toSeconds()),
        "MFA_MAX_ATTEMPTS", "5",
        "MFA_MAX_RESENDS", "3",
        "LOCKOUT_FAILURE_FACTOR", "100",
        "IP_THROTTLE_FAILURES", "1000")), clock);
    api = new ApiClient(app.baseUrl());
    accounts = new Accounts(api, channels.mail(), channels.sms());
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
    resetServices();
  }

  private static void resetServices() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TestServices.get().reset(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("five wrong codes count down the attempts left; the sixth try burns the challenge (410), even with the right code")
  void sixthTryBurnsTheChallenge() {
    TestAccount account = emailCodeAccount("kode.hangus");
    int before = channels.mail().messagesTo(account.email()).size();
    JsonObject challenge = accounts.loginUntilChallenge(account);
    String right = channels.mail().awaitNewCode(account.email(), before);
    String wrong = SecondFactorTest.wrongCode(right);
    String challengeId = challenge.getString("challenge_id");

    for (int attempt = 1; attempt <= 5; attempt++) {
      Answer answer = accounts.verify(challengeId, wrong);
      assertEquals(401, answer.status(), "attempt " + attempt + ": " + answer);
      assertEquals("/problems/invalid-code", answer.json().getString("type"));
      assertEquals(5 - attempt, answer.json().getInteger("attemptsLeft"), answer.toString());
    }
    Answer sixth = accounts.verify(challengeId, wrong);
    assertEquals(410, sixth.status(), sixth.toString());
    assertEquals("/problems/challenge-expired", sixth.json().getString("type"));
    Answer rightButBurned = accounts.verify(challengeId, right);
    assertEquals(410, rightButBurned.status(), "a burned challenge takes no code at all: " + rightButBurned);

    int beforeNew = channels.mail().messagesTo(account.email()).size();
    JsonObject fresh = accounts.loginUntilChallenge(account);
    assertNotEquals(challengeId, fresh.getString("challenge_id"));
    Answer passed = accounts.verify(fresh.getString("challenge_id"), channels.mail().awaitNewCode(account.email(), beforeNew));
    assertEquals(200, passed.status(), "the burn is bound to that challenge only: " + passed);

    Eventually.await("the burned challenge in the audit trail", () -> Database.count(
        "SELECT count(*) FROM audit.audit_event WHERE account_id = ?::uuid AND type = 'mfa.challenge_burned'",
        account.id()), count -> count == 1);
  }

  @Test
  @DisplayName("a code used after the challenge's lifetime is refused with 410 challenge-expired")
  void expiredCodeRefused() {
    TestAccount account = emailCodeAccount("kode.basi");
    int before = channels.mail().messagesTo(account.email()).size();
    JsonObject challenge = accounts.loginUntilChallenge(account);
    long expiresIn = challenge.getInteger("expires_in");
    assertTrue(expiresIn > CODE_TTL.toSeconds() - 10 && expiresIn <= CODE_TTL.toSeconds(), challenge.encode());
    String code = channels.mail().awaitNewCode(account.email(), before);

    clock.advance(CODE_TTL.plusSeconds(1));
    Answer late = accounts.verify(challenge.getString("challenge_id"), code);
    assertEquals(410, late.status(), late.toString());
    assertEquals("/problems/challenge-expired", late.json().getString("type"));
  }

  @Test
  @DisplayName("a code is resent only 60 s after the last send (429 with Retry-After before), at most three times")
  void resendCooldownAndLimit() {
    TestAccount account = emailCodeAccount("kirim.ulang");
    int before = channels.mail().messagesTo(account.email()).size();
    JsonObject challenge = accounts.loginUntilChallenge(account);
    String challengeId = challenge.getString("challenge_id");
    channels.mail().awaitNewCode(account.email(), before);

    Answer tooSoon = resend(challengeId);
    assertEquals(429, tooSoon.status(), tooSoon.toString());
    assertEquals("/problems/rate-limited", tooSoon.json().getString("type"));
    long retryAfter = Long.parseLong(tooSoon.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= RESEND_COOLDOWN.toSeconds(), "Retry-After " + retryAfter);

    String latestCode = null;
    for (int resend = 1; resend <= 3; resend++) {
      clock.advance(RESEND_COOLDOWN.plusSeconds(1));
      int seen = channels.mail().messagesTo(account.email()).size();
      Answer sent = resend(challengeId);
      assertEquals(202, sent.status(), "resend " + resend + ": " + sent);
      assertEquals(challengeId, sent.json().getString("challenge_id"));
      assertEquals("email", sent.json().getString("channel"));
      assertEquals(3 - resend, sent.json().getInteger("resends_left"), sent.toString());
      latestCode = channels.mail().awaitNewCode(account.email(), seen);
    }
    clock.advance(RESEND_COOLDOWN.plusSeconds(1));
    Answer fourth = resend(challengeId);
    assertEquals(429, fourth.status(), "no fourth resend: " + fourth);

    Answer verified = accounts.verify(challengeId, latestCode);
    assertEquals(200, verified.status(), "the latest code sent still signs in: " + verified);
  }

  private TestAccount emailCodeAccount(String prefix) {
    TestAccount account = accounts.registerVerified(prefix, "id");
    accounts.useEmailCodes(account);
    return account;
  }

  private Answer resend(String challengeId) {
    return api.postJson("/api/v1/auth/mfa/resend", new JsonObject().put("challenge_id", challengeId));
  }
}
