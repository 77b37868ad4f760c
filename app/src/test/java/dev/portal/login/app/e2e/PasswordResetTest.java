package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.portal.login.app.testing.MailServer.Mail;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.app.testing.TotpCodes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Getting back in after forgetting the password, changing it while signed in, and the password policy
 * that guards all three ways a password is chosen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordResetTest {
  private static final String NEW_PASSWORD = "Sungai Ciliwung mengalir tenang 77";
  private static final String RESET_PATH = "/reset-password";

  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    // one client address for every test here: its network must not be throttled by the lockout test's failures
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of("IP_THROTTLE_FAILURES", "1000")));
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
  }

  @Test
  @DisplayName("forgot -> link by e-mail -> reset: every old session dies, the old password fails, the new one works, the owner is told")
  void forgotResetFlow() {
    TestAccount account = accounts.registerVerified("lupa.sandi", "id");
    JsonObject firstSession = api.tokens(account.username(), account.password());
    JsonObject secondSession = api.tokens(account.email(), account.password());

    int before = channels.mail().messagesTo(account.email()).size();
    Answer forgot = forgot(account.email());
    assertEquals(202, forgot.status(), forgot.toString());
    assertEquals(new JsonObject().put("status", "accepted"), forgot.json());
    Mail resetMail = channels.mail().awaitNewMessage(account.email(), before, mail -> mail.mentions(RESET_PATH + "?token="));
    assertTrue(resetMail.link(RESET_PATH).startsWith(Channels.PUBLIC_BASE_URL + RESET_PATH + "?token="),
        resetMail.link(RESET_PATH));
    String token = resetMail.token(RESET_PATH);
    int beforeReset = channels.mail().messagesTo(account.email()).size();

    Answer reset = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD));
    assertEquals(204, reset.status(), reset.toString());

    for (JsonObject session : new JsonObject[] {firstSession, secondSession}) {
      Answer me = api.get("/api/v1/me", session.getString("access_token"));
      assertEquals(401, me.status(), "an access token of an old session is dead: " + me);
      Answer refreshed = api.postJson("/api/v1/auth/refresh",
          new JsonObject().put("refresh_token", session.getString("refresh_token")));
      assertEquals(401, refreshed.status(), "a refresh token of an old session is dead: " + refreshed);
    }
    assertEquals(401, login(account.username(), account.password()).status(), "the old password no longer works");
    Answer withNew = login(account.username(), NEW_PASSWORD);
    assertEquals(200, withNew.status(), withNew.toString());
    assertEquals(200, api.get("/api/v1/me", withNew.json().getString("access_token")).status());

    Answer reused = reset(new JsonObject().put("token", token).put("new_password", "Yet another long passphrase 99"));
    assertEquals(410, reused.status(), "a reset link works once: " + reused);
    assertEquals("/problems/invalid-token", reused.json().getString("type"));
    assertEquals(200, login(account.username(), NEW_PASSWORD).status(), "the spent link changed nothing");

    Mail changed = channels.mail().awaitNewMessage(account.email(), beforeReset,
        mail -> !mail.mentions(RESET_PATH + "?token="));
    assertEquals("Kata sandi Anda telah diubah", changed.subject(), "the owner is told, in Indonesian");
    assertFalse(changed.mentions(token), "the notice carries no link token");
  }

  @Test
  @DisplayName("forgot by SMS: the code from the webhook with the answer's challenge id resets the password; an unknown identifier gets an answer of the same shape")
  void resetBySmsCode() {
    TestAccount account = accounts.registerVerified("lupa.sms", "id");
    String phone = accounts.useSmsCodes(account);
    int before = channels.sms().deliveredTo(phone).size();

    Answer forgot = api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", account.username())
        .put("channel", "sms"));
    assertEquals(202, forgot.status(), forgot.toString());
    String challengeId = forgot.json().getString("challenge_id");
    Answer unknown = api.postJson("/api/v1/password/forgot", new JsonObject()
        .put("identifier", "tidak.ada." + account.username()).put("channel", "sms"));
    assertEquals(202, unknown.status());
    assertEquals(forgot.json().fieldNames(), unknown.json().fieldNames(), "the same shape: " + unknown);
    assertEquals(challengeId.length(), unknown.json().getString("challenge_id").length());
    assertEquals(60L, forgot.json().getLong("resend_after"), "when asking again can send a new code: " + forgot);
    assertEquals(60L, unknown.json().getLong("resend_after"), "the setting, the same for everyone: " + unknown);

    String code = channels.sms().awaitDelivered(phone, before + 1).get(before).code();
    Answer wrong = reset(new JsonObject().put("challenge_id", challengeId)
        .put("code", SecondFactorTest.wrongCode(code)).put("new_password", NEW_PASSWORD));
    assertEquals(401, wrong.status(), wrong.toString());
    Answer reset = reset(new JsonObject().put("challenge_id", challengeId).put("code", code)
        .put("new_password", NEW_PASSWORD));
    assertEquals(204, reset.status(), reset.toString());
    Answer login = login(account.username(), NEW_PASSWORD);
    assertEquals(200, login.status(), login.toString());
    assertEquals(true, login.json().getBoolean("mfa_required"), "SMS codes still guard the sign-in");
  }

  @Test
  @DisplayName("a completed reset lifts the lock that wrong passwords put on the account")
  void resetLiftsTheLock() {
    TestAccount account = accounts.registerVerified("lupa.terkunci", "id");
    // wrong passwords until the lock lands (a right one in between would clear the failures)
    Eventually.await("the account locked by wrong passwords",
        () -> login(account.username(), "tebakan yang salah sekali"), answer -> answer.status() == 423);
    Answer locked = login(account.username(), account.password());
    assertEquals(423, locked.status(), "locked even for the right password: " + locked);
    assertEquals("/problems/account-locked", locked.json().getString("type"));

    int before = channels.mail().messagesTo(account.email()).size();
    assertEquals(202, forgot(account.email()).status());
    String token = channels.mail().awaitNewMessage(account.email(), before, mail -> mail.mentions(RESET_PATH + "?token="))
        .token(RESET_PATH);
    assertEquals(204, reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD)).status());

    Answer after = Eventually.await("the lock lifted by the reset", () -> login(account.username(), NEW_PASSWORD),
        answer -> answer.status() != 423);
    assertEquals(200, after.status(), after.toString());
  }

  @Test
  @DisplayName("a reset of an account with an authenticator needs its code too; without it nothing changes")
  void resetOfTotpAccountNeedsSecondFactor() {
    TestAccount account = accounts.registerVerified("lupa.totp", "en");
    Authenticator authenticator = accounts.useTotp(account);
    int before = channels.mail().messagesTo(account.email()).size();
    assertEquals(202, forgot(account.username()).status());
    String token = channels.mail().awaitNewMessage(account.email(), before, mail -> mail.mentions(RESET_PATH + "?token="))
        .token(RESET_PATH);

    Answer withoutCode = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD));
    assertEquals(403, withoutCode.status(), withoutCode.toString());
    assertEquals("/problems/step-up-required", withoutCode.json().getString("type"));
    assertEquals("second-factor", withoutCode.json().getString("required"));
    assertEquals(401, login(account.username(), NEW_PASSWORD).status(), "the password did not change");

    Answer withCode = reset(new JsonObject().put("token", token).put("new_password", NEW_PASSWORD)
        .put("second_factor", TotpCodes.at(authenticator.secret(), Instant.now())));
    assertEquals(204, withCode.status(), withCode.toString());
    Answer login = login(account.username(), NEW_PASSWORD);
    assertEquals(200, login.status(), login.toString());
    assertEquals(true, login.json().getBoolean("mfa_required"), "the authenticator still guards the account");
  }

  @Test
  @DisplayName("forgot-password answers an unknown identifier exactly as a known one, and sends nothing to an unverified address")
  void forgotIsIndistinguishable() {
    TestAccount verified = accounts.registerVerified("lupa.ada", "id");
    TestAccount unverified = accounts.register("lupa.belum", "id");
    channels.mail().awaitMessageMentioning(unverified.email(), "/verify-email?token=");

    Answer known = forgot(verified.email());
    Answer unknown = forgot("tidak.ada." + verified.username() + "@example.id");
    Answer notVerified = forgot(unverified.email());
    for (Answer answer : new Answer[] {unknown, notVerified}) {
      assertEquals(known.status(), answer.status(), answer.toString());
      assertEquals(known.text(), answer.text(), "byte for byte the same body");
      assertEquals(known.contentType(), answer.contentType());
    }
    assertEquals(202, known.status());

    Eventually.await("the refused reset request of the unverified account in the audit trail",
        () -> Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ?::uuid AND type = ?",
            unverified.id(), "password.reset_requested"), count -> count > 0);
    assertEquals(1, Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ?::uuid AND type = ? "
        + "AND outcome = 'rejected' AND reason = 'unverified'", unverified.id(), "password.reset_requested"));
    channels.mail().awaitMessageMentioning(verified.email(), RESET_PATH + "?token=");
    assertTrue(channels.mail().messagesTo(unverified.email()).stream().noneMatch(mail -> mail.mentions(RESET_PATH)),
        "an unverified address gets no reset link");
  }

  @Test
  @DisplayName("a signed-in change needs the current password, can end every other session, and keeps this one")
  void changeWhileSignedIn() {
    TestAccount account = accounts.registerVerified("ganti.sandi", "id");
    JsonObject current = api.tokens(account.username(), account.password());
    JsonObject other = api.tokens(account.username(), account.password());
    String token = current.getString("access_token");

    Answer wrongCurrent = api.postWithBearer("/api/v1/me/password", token, new JsonObject()
        .put("current_password", "not the current password at all").put("new_password", NEW_PASSWORD));
    assertEquals(401, wrongCurrent.status(), wrongCurrent.toString());

    Answer changed = api.postWithBearer("/api/v1/me/password", token, new JsonObject()
        .put("current_password", account.password()).put("new_password", NEW_PASSWORD).put("log_out_others", true));
    assertEquals(204, changed.status(), changed.toString());
    assertEquals(200, api.get("/api/v1/me", token).status(), "this session lives on");
    assertEquals(401, api.get("/api/v1/me", other.getString("access_token")).status(), "the other session ended");
    assertEquals(401, login(account.username(), account.password()).status());
    assertEquals(200, login(account.username(), NEW_PASSWORD).status());
  }

  @Test
  @DisplayName("the password policy refuses a short or common password and one containing the username or e-mail, naming the rule")
  void passwordPolicy() {
    String username = Accounts.uniqueName("kebijakan");
    String mailbox = Accounts.uniqueName("kotak").replace(".", "");
    String email = mailbox + "@example.id";
    assertPolicy(register(username, email, "qwerty123456"), "common");
    assertPolicy(register(username, email, "QWERTY123456"), "common");
    assertPolicy(register(username, email, "Rahasia-" + username.toUpperCase() + "-2026"), "contains-username");
    assertPolicy(register(username, email, "Kirim ke " + mailbox + " setiap hari"), "contains-email");
    assertPolicy(register(username, email, "Pendek-11ch"), "too-short");
    assertEquals(201, register(username, email, Accounts.PASSWORD).status(), "nothing was created by the refusals");

    String token = api.accessToken(username, Accounts.PASSWORD);
    Answer change = api.postWithBearer("/api/v1/me/password", token, new JsonObject()
        .put("current_password", Accounts.PASSWORD).put("new_password", "1q2w3e4r5t6y"));
    assertPolicy(change, "common");
    assertEquals(200, login(username, Accounts.PASSWORD).status(), "the refused change changed nothing");
  }

  private Answer register(String username, String email, String password) {
    return api.postJson("/api/v1/accounts", new JsonObject().put("username", username)
        .put("email", email).put("password", password));
  }

  private static void assertPolicy(Answer answer, String rule) {
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("/problems/password-policy", answer.json().getString("type"), answer.toString());
    assertEquals(rule, answer.json().getString("rule"), answer.toString());
  }

  private Answer forgot(String identifier) {
    return api.postJson("/api/v1/password/forgot", new JsonObject().put("identifier", identifier));
  }

  private Answer reset(JsonObject body) {
    return api.postJson("/api/v1/password/reset", body);
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }
}
