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
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
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
  private static final int CODE_SEND_LIMIT = 10;
  private static final Duration CODE_SEND_WINDOW = Duration.ofHours(1);

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
        "MFA_CODE_TTL_SECONDS", Long.toString(CODE_TTL.toSeconds()),
        "MFA_RESEND_COOLDOWN_SECONDS", Long.toString(RESEND_COOLDOWN.toSeconds()),
        "MFA_MAX_ATTEMPTS", "5",
        "MFA_MAX_RESENDS", "3",
        "MFA_CODE_SEND_LIMIT", Integer.toString(CODE_SEND_LIMIT),
        "MFA_CODE_SEND_WINDOW_SECONDS", Long.toString(CODE_SEND_WINDOW.toSeconds()),
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
    TestServices.get().resetNow();
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

  @Test
  @DisplayName("an account is sent at most ten codes an hour, whatever asks: then a login, a resend and a phone verification get 429 with the window's end as Retry-After, send nothing and are audited; other accounts are unaffected")
  void accountCodeBudget() {
    TestAccount account = accounts.registerVerified("kode.banyak", "id");
    String token = accounts.accessToken(account); // before e-mail codes are on, so the password alone signs in
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();
    String first = null;
    for (int login = 0; login < CODE_SEND_LIMIT; login++) {
      String challengeId = accounts.loginUntilChallenge(account).getString("challenge_id");
      first = first == null ? challengeId : first;
    }
    Eventually.await("the ten codes delivered", () -> channels.mail().messagesTo(account.email()).size(),
        count -> count == before + CODE_SEND_LIMIT);

    Answer login = api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", account.username())
        .put("password", account.password()));
    assertBudgetSpent(login, "the eleventh login's code");
    clock.advance(RESEND_COOLDOWN.plusSeconds(1));
    assertBudgetSpent(resend(first), "a resend of the first challenge, which has all its resends left");
    Answer phone = api.postWithBearer("/api/v1/me/phone", token, new JsonObject().put("phone", Accounts.uniquePhone()));
    assertBudgetSpent(phone, "a phone verification code");

    Eventually.await("three refusals in the audit trail", () -> Database.count("SELECT count(*) FROM audit.audit_event "
        + "WHERE account_id = ?::uuid AND type = 'mfa.code_refused' AND outcome = 'rejected'", account.id()),
        count -> count == 3);
    assertEquals(CODE_SEND_LIMIT, Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ?::uuid "
        + "AND type = 'mfa.code_sent'", account.id()), "only the ten codes were sent");
    assertEquals(before + CODE_SEND_LIMIT, channels.mail().messagesTo(account.email()).size(), "no eleventh message");
    assertTrue(app.application().registry().scrape()
        .matches("(?s).*\nauth_mfa_challenges_total\\{result=\"refused\",?\\} 3\\.0\n.*"), "counted as refused");

    TestAccount other = emailCodeAccount("kode.lain");
    int otherBefore = channels.mail().messagesTo(other.email()).size();
    String otherChallenge = accounts.loginUntilChallenge(other).getString("challenge_id");
    assertEquals(200, accounts.verify(otherChallenge, channels.mail().awaitNewCode(other.email(), otherBefore)).status(),
        "the budget is the account's own");
  }

  @Test
  @DisplayName("a number being verified is sent at most ten codes an hour whichever accounts ask: the next account naming it gets 429 and sends nothing, while its own budget and other numbers are untouched")
  void destinationCodeBudget() {
    String number = Accounts.uniquePhone();
    TestAccount first = accounts.registerVerified("nomor.satu", "id");
    String firstToken = accounts.accessToken(first);
    for (int ask = 0; ask < CODE_SEND_LIMIT / 2; ask++) {
      assertEquals(202, setPhone(firstToken, number).status(), "ask " + ask);
    }
    TestAccount second = accounts.registerVerified("nomor.dua", "id");
    String secondToken = accounts.accessToken(second);
    for (int ask = CODE_SEND_LIMIT / 2; ask < CODE_SEND_LIMIT; ask++) {
      assertEquals(202, setPhone(secondToken, number).status(), "ask " + ask);
    }
    channels.sms().awaitDelivered(number, CODE_SEND_LIMIT);

    TestAccount third = accounts.registerVerified("nomor.tiga", "id");
    String thirdToken = accounts.accessToken(third);
    assertBudgetSpent(setPhone(thirdToken, number), "an eleventh code to the same number, from a fresh account");
    Eventually.await("the refusal in the audit trail", () -> Database.count("SELECT count(*) FROM audit.audit_event "
        + "WHERE account_id = ?::uuid AND type = 'mfa.code_refused'", third.id()), count -> count == 1);
    assertEquals(CODE_SEND_LIMIT, channels.sms().deliveredTo(number).size(), "nothing more reached the number");
    assertEquals(202, setPhone(thirdToken, Accounts.uniquePhone()).status(), "another number, same account: sent");
  }

  private Answer setPhone(String token, String phone) {
    return api.postWithBearer("/api/v1/me/phone", token, new JsonObject().put("phone", phone));
  }

  @Test
  @DisplayName("a forgot-password SMS beyond the account's code budget is answered as always, sends nothing and is recorded as throttled; its handle takes codes like any other")
  void forgotBySmsBeyondTheBudget() {
    TestAccount account = accounts.registerVerified("lupa.banyak", "id");
    String phone = accounts.useSmsCodes(account); // the phone's verification code is the first of the ten
    for (int login = 1; login < CODE_SEND_LIMIT; login++) {
      accounts.loginUntilChallenge(account);
    }
    Eventually.await("the ten codes sent", () -> Database.count("SELECT count(*) FROM audit.audit_event "
        + "WHERE account_id = ?::uuid AND type = 'mfa.code_sent'", account.id()), count -> count == CODE_SEND_LIMIT);
    int smsBefore = channels.sms().deliveredTo(phone).size();

    Answer forgot = api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", account.username())
        .put("channel", "sms"));
    assertEquals(202, forgot.status(), "answered as always: " + forgot);
    Eventually.await("the request recorded as throttled", () -> Database.count("SELECT count(*) FROM audit.audit_event "
        + "WHERE account_id = ?::uuid AND type = 'password.reset_requested' AND outcome = 'rejected' "
        + "AND reason = 'throttled'", account.id()), count -> count == 1);
    Answer wrong = api.postJson("/api/v1/password/reset", new JsonObject()
        .put("challenge_id", forgot.json().getString("challenge_id")).put("code", "000000")
        .put("new_password", "Sebuah kata sandi baru yang panjang"));
    assertEquals(401, wrong.status(), "the handle answers a code like a real one: " + wrong);
    assertEquals(smsBefore, channels.sms().deliveredTo(phone).size(), "no SMS beyond the budget");
  }

  private static void assertBudgetSpent(Answer answer, String what) {
    assertEquals(429, answer.status(), what + ": " + answer);
    assertEquals("/problems/rate-limited", answer.json().getString("type"), what);
    long retryAfter = Long.parseLong(answer.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > CODE_SEND_WINDOW.toSeconds() - 120 && retryAfter <= CODE_SEND_WINDOW.toSeconds(),
        what + ": Retry-After " + retryAfter + " is the end of the account's window");
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
