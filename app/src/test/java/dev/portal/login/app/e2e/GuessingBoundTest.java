package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.Authenticator;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.app.testing.TotpCodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every door that takes a secret (a reset's authenticator code, a step-up, a code on a challenge opened
 * before the lock) shares the login guard's bound: five wrong answers in the window and the next one is
 * refused unchecked, even when it is right. Without it, a reset link or a stolen access token would be a
 * way to try a million authenticator codes. The app's clock is moved instead of waiting out the window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuessingBoundTest {
  private static final String NEW_PASSWORD = "Danau Toba biru dan dalam 2026";
  private static final String RESET_PATH = "/reset-password";
  private static final int FACTOR = 5;
  private static final Duration WINDOW = Duration.ofMinutes(15);

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
        "LOCKOUT_FAILURE_FACTOR", Integer.toString(FACTOR),
        "LOCKOUT_FAILURE_WINDOW_SECONDS", Long.toString(WINDOW.toSeconds()),
        "IP_THROTTLE_FAILURES", "1000")), clock);
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
    // the shared services must not keep keys dated in this test's future
    TestServices.get().resetNow();
  }

  @Test
  @DisplayName("a reset link does not buy unlimited authenticator guesses: after five wrong codes even the right one is refused (423) until the window passes, and then the reset goes through and lifts the lock")
  void resetAuthenticatorCodesAreBounded() {
    TestAccount account = accounts.registerVerified("tebak.reset", "id");
    Authenticator authenticator = accounts.useTotp(account);
    String token = resetLink(account);
    String hashBefore = passwordHash(account);
    String wrong = SecondFactorTest.wrongCode(TotpCodes.at(authenticator.secret(), clock.instant()));

    for (int attempt = 1; attempt <= FACTOR; attempt++) {
      Answer answer = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD)
          .put("second_factor", wrong));
      assertEquals(401, answer.status(), "attempt " + attempt + ": " + answer);
      assertEquals("/problems/invalid-code", answer.json().getString("type"));
    }
    Answer right = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD)
        .put("second_factor", TotpCodes.at(authenticator.secret(), clock.instant())));
    assertEquals(423, right.status(), "the budget is spent: the right code is not even checked: " + right);
    assertTrue(right.header("Retry-After").isPresent(), right.toString());
    assertEquals(hashBefore, passwordHash(account), "the password did not change");

    clock.advance(WINDOW.plusMinutes(1));
    Answer afterWindow = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD)
        .put("second_factor", TotpCodes.at(authenticator.secret(), clock.instant())));
    assertEquals(204, afterWindow.status(), "the link still works once the window has passed: " + afterWindow);
    Answer signedIn = Eventually.await("the reset lifted the account's lock",
        () -> login(account.username(), NEW_PASSWORD), answer -> answer.status() != 423);
    assertEquals(200, signedIn.status(), signedIn.toString());
  }

  @Test
  @DisplayName("a stolen access token does not buy unlimited authenticator guesses either: enrolling a new authenticator refuses the sixth code with 423, right or not")
  void stepUpCodesAreBounded() {
    TestAccount account = accounts.registerVerified("tebak.token", "en");
    Authenticator authenticator = accounts.useTotp(account);
    String challengeId = accounts.loginUntilChallenge(account).getString("challenge_id");
    Answer passed = accounts.verify(challengeId, TotpCodes.at(authenticator.secret(), clock.instant()));
    assertEquals(200, passed.status(), passed.toString());
    String bearer = passed.json().getString("access_token");
    String wrong = SecondFactorTest.wrongCode(TotpCodes.at(authenticator.secret(), clock.instant()));

    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 1; attempt <= FACTOR; attempt++) {
      statuses.add(api.postWithBearer("/api/v1/me/mfa/totp", bearer, new JsonObject().put("code", wrong)).status());
    }
    assertEquals(List.of(401, 401, 401, 401, 401), statuses, "five wrong codes, each judged");
    Answer right = api.postWithBearer("/api/v1/me/mfa/totp", bearer,
        new JsonObject().put("code", authenticator.recoveryCodes().get(0)));
    assertEquals(423, right.status(), "the sixth is refused unchecked: " + right);
    assertEquals("/problems/account-locked", right.json().getString("type"));
    assertEquals(10, Database.count("SELECT count(*) FROM identity.recovery_code WHERE account_id = ?::uuid "
        + "AND used_at IS NULL", account.id()), "the recovery code was not even looked at");
  }

  @Test
  @DisplayName("a challenge opened before the lock takes no more codes once the account is locked, not even the right one")
  void challengeOpenedBeforeTheLockIsRefused() {
    TestAccount account = accounts.registerVerified("tebak.tantangan", "id");
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();
    String challengeId = accounts.loginUntilChallenge(account).getString("challenge_id");
    String code = channels.mail().awaitNewCode(account.email(), before);

    Eventually.await("the account locked by wrong passwords",
        () -> login(account.username(), "bukan kata sandinya sama sekali"), answer -> answer.status() == 423);
    Answer right = accounts.verify(challengeId, code);
    assertEquals(423, right.status(), "no tokens for a locked account: " + right);
    assertEquals("/problems/account-locked", right.json().getString("type"));
  }

  @Test
  @DisplayName("codes spread over many challenges share one bound: six challenges opened with the right password, five wrong codes on five of them, and the sixth refuses its right code")
  void codesOverManyChallengesShareOneBound() {
    TestAccount account = accounts.registerVerified("tebak.banyak", "en");
    accounts.useEmailCodes(account);
    List<String> challenges = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i <= FACTOR; i++) {
      int before = channels.mail().messagesTo(account.email()).size();
      challenges.add(accounts.loginUntilChallenge(account).getString("challenge_id"));
      codes.add(channels.mail().awaitNewCode(account.email(), before));
    }
    for (int i = 0; i < FACTOR; i++) {
      Answer wrong = accounts.verify(challenges.get(i), SecondFactorTest.wrongCode(codes.get(i)));
      assertEquals(401, wrong.status(), "challenge " + i + ": " + wrong);
      assertEquals(4, wrong.json().getInteger("attemptsLeft"), "each challenge on its own has tries left");
    }
    Answer right = accounts.verify(challenges.get(FACTOR), codes.get(FACTOR));
    assertEquals(423, right.status(), "the sixth challenge gives no tokens: " + right);
    Answer login = login(account.username(), account.password());
    assertEquals(423, login.status(), "and the password step is refused too: " + login);
  }

  @Test
  @DisplayName("reset by SMS of an account with an authenticator: a missing authenticator code does not use up the SMS code")
  void smsCodeSurvivesAMissingAuthenticatorCode() {
    TestAccount account = accounts.registerVerified("tebak.sms", "id");
    String phone = accounts.verifyPhone(account, accounts.accessToken(account));
    Authenticator authenticator = accounts.useTotp(account);
    int before = channels.sms().deliveredTo(phone).size();
    Answer forgot = api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", account.username())
        .put("channel", "sms"));
    assertEquals(202, forgot.status(), forgot.toString());
    // no other wait: the handle is bound to its challenge before the code goes out
    String handle = forgot.json().getString("challenge_id");
    String code = channels.sms().awaitDelivered(phone, before + 1).get(before).code();

    Answer withoutAuthenticator = reset(new JsonObject().put("challenge_id", handle).put("code", code)
        .put("new_password", NEW_PASSWORD));
    assertEquals(403, withoutAuthenticator.status(), withoutAuthenticator.toString());
    assertEquals("second-factor", withoutAuthenticator.json().getString("required"));

    Answer complete = reset(new JsonObject().put("challenge_id", handle).put("code", code)
        .put("new_password", NEW_PASSWORD)
        .put("second_factor", TotpCodes.at(authenticator.secret(), clock.instant())));
    assertEquals(204, complete.status(), "the same SMS code, now with the authenticator's: " + complete);
    Answer reused = reset(new JsonObject().put("challenge_id", handle).put("code", code)
        .put("new_password", "Yet another long passphrase 99")
        .put("second_factor", authenticator.recoveryCodes().get(0)));
    assertEquals(410, reused.status(), "and then it is spent: " + reused);
  }

  @Test
  @DisplayName("the stand-in challenge of an unknown identifier spends a budget exactly as a real one: the same answers in the same order, and its wrong codes are on the record")
  void standInChallengeAnswersLikeARealOne() {
    TestAccount account = accounts.registerVerified("tebak.ada", "id");
    accounts.useSmsCodes(account);
    String unknown = "tidak.ada." + account.username();

    List<String> real = resetCodeAnswers(account.username());
    List<String> standIn = resetCodeAnswers(unknown);
    assertEquals(real, standIn, "an unknown identifier is indistinguishable");
    // the sixth try on a burned challenge is refused by the spent budget before the challenge is read
    assertEquals(List.of("401:4", "401:3", "401:2", "401:1", "401:0", "423", "423"), real);

    Eventually.await("the stand-in's wrong codes in the audit trail", () -> Database.count(
        "SELECT count(*) FROM audit.audit_event WHERE account_id IS NULL AND type = 'login.failed' "
            + "AND reason = 'bad_code' AND details->>'purpose' = 'reset'"), count -> count >= FACTOR);
  }

  /**
   * Five wrong codes and a sixth try on one forgot-password handle, then a wrong code on a second
   * handle for the same identifier: status and attempts left of each answer.
   */
  private List<String> resetCodeAnswers(String identifier) {
    List<String> answers = new ArrayList<>();
    String first = forgotBySms(identifier);
    for (int attempt = 0; attempt <= FACTOR; attempt++) {
      answers.add(describe(resetByCode(first, "000000")));
    }
    answers.add(describe(resetByCode(forgotBySms(identifier), "000000")));
    return answers;
  }

  private String forgotBySms(String identifier) {
    Answer forgot = api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", identifier)
        .put("channel", "sms"));
    assertEquals(202, forgot.status(), forgot.toString());
    // the handle is bound after the reply (to a challenge, or to a stand-in when no code is sent), before the
    // request is recorded; with no code to wait for, a reset before that finds nothing. This very request's
    // record, by its request id: another request's (still on its way) could raise a count first
    String requestId = forgot.header("X-Request-Id").orElseThrow();
    Eventually.await("the request recorded", () -> Database.count(
        "SELECT count(*) FROM audit.audit_event WHERE type = 'password.reset_requested' AND request_id = ?",
        requestId), count -> count > 0);
    return forgot.json().getString("challenge_id");
  }

  private Answer resetByCode(String handle, String code) {
    return reset(new JsonObject().put("challenge_id", handle).put("code", code).put("new_password", NEW_PASSWORD));
  }

  private static String describe(Answer answer) {
    Integer left = answer.status() == 401 ? answer.json().getInteger("attemptsLeft") : null;
    return left == null ? Integer.toString(answer.status()) : answer.status() + ":" + left;
  }

  private String resetLink(TestAccount account) {
    int before = channels.mail().messagesTo(account.email()).size();
    assertEquals(202, api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", account.email()))
        .status());
    return channels.mail().awaitNewMessage(account.email(), before, mail -> mail.mentions(RESET_PATH + "?token="))
        .token(RESET_PATH);
  }

  private static String passwordHash(TestAccount account) {
    return Database.text("SELECT password_hash FROM identity.account WHERE id = ?::uuid", account.id());
  }

  private Answer reset(JsonObject body) {
    return api.postJson("/api/v1/password/reset", body);
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }
}
