package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.Authenticator;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.SmsWebhook.Sms;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.app.testing.TotpCodes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The second factor end to end: codes by e-mail through a real SMTP server, by SMS through a webhook
 * to a local HTTP server, and from an authenticator app (the test's own RFC 6238 implementation).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorTest {
  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env());
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
  @DisplayName("with e-mail codes, the password alone gives no tokens; the code from the e-mail does, once")
  void emailCodeLogin() {
    TestAccount account = accounts.registerVerified("kode.surel", "id");
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();

    JsonObject challenge = accounts.loginUntilChallenge(account);
    assertEquals("email", challenge.getString("channel"));
    assertTrue(challenge.getInteger("expires_in") > 0, challenge.encode());
    assertNull(challenge.getString("access_token"), "no token before the second factor");
    assertNull(challenge.getString("refresh_token"), "no token before the second factor");
    String destination = challenge.getString("destination");
    assertNotNull(destination, challenge.encode());
    assertFalse(destination.contains(account.username()), "the destination is masked: " + destination);
    assertTrue(destination.endsWith("@example.id"), destination);

    String code = channels.mail().awaitNewCode(account.email(), before);
    Answer verified = accounts.verify(challenge.getString("challenge_id"), code);
    assertEquals(200, verified.status(), verified.toString());
    assertEquals("no-store", verified.header("Cache-Control").orElse(""));
    String accessToken = verified.json().getString("access_token");
    assertNotNull(verified.json().getString("refresh_token"));
    Answer me = api.get("/api/v1/me", accessToken);
    assertEquals(200, me.status(), me.toString());
    assertEquals(account.id(), me.json().getString("id"));

    Answer again = accounts.verify(challenge.getString("challenge_id"), code);
    assertEquals(410, again.status(), "a code is single use: " + again);
    assertEquals("/problems/challenge-expired", again.json().getString("type"));
  }

  @Test
  @DisplayName("with SMS codes, the number is verified by a code sent through the webhook, and logins then pass by the SMS code")
  void smsCodeLogin() {
    TestAccount account = accounts.registerVerified("kode.sms", "id");
    String phone = accounts.useSmsCodes(account);

    int before = channels.sms().deliveredTo(phone).size();
    JsonObject challenge = accounts.loginUntilChallenge(account);
    assertEquals("sms", challenge.getString("channel"));
    String destination = challenge.getString("destination");
    assertTrue(destination.endsWith(phone.substring(phone.length() - 4)), destination);
    assertFalse(destination.contains(phone.substring(3, phone.length() - 4)), "the number is masked: " + destination);

    Sms sms = channels.sms().awaitDelivered(phone, before + 1).get(before);
    assertNotNull(sms.messageId(), "each SMS carries its message id (the idempotence key)");
    Answer verified = accounts.verify(challenge.getString("challenge_id"), sms.code());
    assertEquals(200, verified.status(), verified.toString());

    Answer status = api.get("/api/v1/me/mfa", verified.json().getString("access_token"));
    assertEquals(200, status.status(), status.toString());
    assertEquals("sms", status.json().getString("method"));
    assertEquals(true, status.json().getBoolean("phone_verified"));
    assertFalse(status.json().getString("phone").contains(phone.substring(3, phone.length() - 4)), "masked");
  }

  @Test
  @DisplayName("an SMS whose webhook answers 503 twice is retried and delivered exactly once, and its code works")
  void smsRetriedUntilDelivered() {
    TestAccount account = accounts.registerVerified("sms.ulang", "id");
    String phone = accounts.useSmsCodes(account);
    int attemptsBefore = channels.sms().attemptsTo(phone).size();
    int deliveredBefore = channels.sms().deliveredTo(phone).size();

    channels.sms().answerUnavailable(2);
    JsonObject challenge = accounts.loginUntilChallenge(account);
    Sms delivered = channels.sms().awaitDelivered(phone, deliveredBefore + 1).get(deliveredBefore);
    List<Sms> attempts = channels.sms().attemptsTo(phone);
    assertEquals(3, attempts.size() - attemptsBefore, "two refused, the third accepted: " + attempts);
    assertTrue(attempts.subList(attemptsBefore, attempts.size()).stream()
        .allMatch(attempt -> delivered.messageId().equals(attempt.messageId())), "retries of one message");

    Answer verified = accounts.verify(challenge.getString("challenge_id"), delivered.code());
    assertEquals(200, verified.status(), verified.toString());

    // a later message to the same account is delivered after the first one is settled (same partition):
    // once it has arrived, a duplicate of the first would have too
    JsonObject next = accounts.loginUntilChallenge(account);
    Sms later = channels.sms().awaitDelivered(phone, deliveredBefore + 2).get(deliveredBefore + 1);
    assertEquals(1, channels.sms().deliveredTo(phone).stream()
        .filter(sms -> delivered.messageId().equals(sms.messageId())).count(), "delivered once");
    assertEquals(200, accounts.verify(next.getString("challenge_id"), later.code()).status());
  }

  @Test
  @DisplayName("an authenticator app is enrolled and confirmed, then signs in; the same code is refused a second time")
  void totpLoginAndReuseRefused() {
    TestAccount account = accounts.register("aplikasi.otp", "en");
    String token = accounts.accessToken(account);
    Answer enrolled = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("password", account.password()));
    assertEquals(200, enrolled.status(), enrolled.toString());
    String secret = enrolled.json().getString("secret");
    assertTrue(secret.matches("[A-Z2-7]{32}=*"), "20 random bytes in base32: " + secret);
    String uri = enrolled.json().getString("otpauth_uri");
    assertTrue(uri.startsWith("otpauth://totp/") && uri.contains("secret=" + secret), uri);
    assertTrue(enrolled.json().getString("qr_png").startsWith("data:image/png;base64,"));

    Answer wrongConfirm = api.postWithBearer("/api/v1/me/mfa/totp/confirm", token, new JsonObject()
        .put("code", wrongCode(TotpCodes.at(secret, Instant.now()))));
    assertEquals(401, wrongConfirm.status(), "a wrong code does not turn the authenticator on: " + wrongConfirm);
    Answer stillPasswordOnly = api.postJson("/api/v1/auth/login", new JsonObject()
        .put("identifier", account.username()).put("password", account.password()));
    assertTrue(stillPasswordOnly.json().containsKey("access_token"),
        "no second factor yet after a wrong confirmation: " + stillPasswordOnly);

    Answer confirmed = api.postWithBearer("/api/v1/me/mfa/totp/confirm", token, new JsonObject()
        .put("code", TotpCodes.at(secret, Instant.now().minusSeconds(TotpCodes.STEP_SECONDS))));
    assertEquals(200, confirmed.status(), confirmed.toString());
    assertEquals("totp", confirmed.json().getString("method"));
    assertEquals(10, confirmed.json().getJsonArray("recovery_codes").size());

    JsonObject challenge = accounts.loginUntilChallenge(account);
    assertEquals("totp", challenge.getString("channel"));
    assertNull(challenge.getString("destination"), "nothing is sent for an authenticator");
    String code = TotpCodes.at(secret, Instant.now());
    Answer verified = accounts.verify(challenge.getString("challenge_id"), code);
    assertEquals(200, verified.status(), verified.toString());

    JsonObject second = accounts.loginUntilChallenge(account);
    Answer reused = accounts.verify(second.getString("challenge_id"), code);
    assertEquals(401, reused.status(), "a TOTP code is accepted once only: " + reused);
    assertEquals("/problems/invalid-code", reused.json().getString("type"));
  }

  @Test
  @DisplayName("enrolling an authenticator needs a fresh proof: a token alone gets 403 step-up-required and no pending secret, and an existing factor can only be replaced with its own code")
  void authenticatorEnrolmentNeedsFreshProof() {
    TestAccount account = accounts.registerVerified("daftar.otp", "id");
    String token = accounts.accessToken(account);

    for (JsonObject body : Arrays.asList(null, new JsonObject())) {
      Answer tokenOnly = api.postWithBearer("/api/v1/me/mfa/totp", token, body);
      assertEquals(403, tokenOnly.status(), tokenOnly.toString());
      assertEquals("/problems/step-up-required", tokenOnly.json().getString("type"));
      assertEquals("password", tokenOnly.json().getString("required"));
    }
    Answer wrongPassword = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("password", account.password() + " salah"));
    assertEquals(401, wrongPassword.status(), wrongPassword.toString());
    assertEquals("/problems/invalid-credentials", wrongPassword.json().getString("type"));
    assertNoPendingAuthenticator(token);

    // a stolen token of an account with e-mail codes: neither the token nor the password replaces them
    accounts.setMethod(account, token, "email");
    Answer passwordOnly = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("password", account.password()));
    assertEquals(403, passwordOnly.status(), passwordOnly.toString());
    assertEquals("/problems/step-up-required", passwordOnly.json().getString("type"));
    assertEquals("second-factor", passwordOnly.json().getString("required"));
    Answer madeUpCode = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("code", "123456"));
    assertEquals(403, madeUpCode.status(), "a code without its step-up challenge proves nothing: " + madeUpCode);
    assertNoPendingAuthenticator(token);
    assertEquals("email", api.get("/api/v1/me/mfa", token).json().getString("method"));

    int before = channels.mail().messagesTo(account.email()).size();
    Answer stepUp = api.postWithBearer("/api/v1/me/mfa/challenge", token, null);
    assertEquals(201, stepUp.status(), stepUp.toString());
    String code = channels.mail().awaitNewCode(account.email(), before);
    Answer enrolled = api.postWithBearer("/api/v1/me/mfa/totp", token, new JsonObject()
        .put("challenge_id", stepUp.json().getString("challenge_id")).put("code", code));
    assertEquals(200, enrolled.status(), "the current factor's code proves it: " + enrolled);
    Answer confirmed = api.postWithBearer("/api/v1/me/mfa/totp/confirm", token, new JsonObject()
        .put("code", TotpCodes.at(enrolled.json().getString("secret"),
            Instant.now().minusSeconds(TotpCodes.STEP_SECONDS))));
    assertEquals(200, confirmed.status(), confirmed.toString());
    assertEquals("totp", api.get("/api/v1/me/mfa", token).json().getString("method"));

    Answer replaceByPassword = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("password", account.password()));
    assertEquals(403, replaceByPassword.status(), "an authenticator is replaced only with its own code: "
        + replaceByPassword);
    assertEquals("second-factor", replaceByPassword.json().getString("required"));
  }

  /** Confirming finds nothing waiting: 410, whatever the code. */
  private void assertNoPendingAuthenticator(String token) {
    Answer confirm = api.postWithBearer("/api/v1/me/mfa/totp/confirm", token, new JsonObject().put("code", "123456"));
    assertEquals(410, confirm.status(), "no pending authenticator secret: " + confirm);
    assertEquals("/problems/challenge-expired", confirm.json().getString("type"));
  }

  @Test
  @DisplayName("a recovery code stands in for the authenticator once, and the count of codes left goes down")
  void recoveryCodeWorksOnce() {
    TestAccount account = accounts.register("kode.cadangan", "id");
    Authenticator authenticator = accounts.useTotp(account);
    String recoveryCode = authenticator.recoveryCodes().get(0);
    // Crockford's base32, lower case: no i, l, o or u to misread
    assertTrue(recoveryCode.matches("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}"), recoveryCode);

    Answer first = accounts.verify(accounts.loginUntilChallenge(account).getString("challenge_id"), recoveryCode);
    assertEquals(200, first.status(), first.toString());
    Answer status = api.get("/api/v1/me/mfa", first.json().getString("access_token"));
    assertEquals(9, status.json().getInteger("recovery_codes_left"), status.toString());

    Answer again = accounts.verify(accounts.loginUntilChallenge(account).getString("challenge_id"), recoveryCode);
    assertEquals(401, again.status(), "a recovery code works once: " + again);
    assertEquals("/problems/invalid-code", again.json().getString("type"));

    Answer other = accounts.verify(accounts.loginUntilChallenge(account).getString("challenge_id"),
        authenticator.recoveryCodes().get(1));
    assertEquals(200, other.status(), "another unused recovery code still works: " + other);
  }

  @Test
  @DisplayName("changing the method needs the current second factor: the password alone gets 403 step-up-required, a step-up code by e-mail passes")
  void methodChangeNeedsFreshSecondFactor() {
    TestAccount account = accounts.registerVerified("ganti.metode", "id");
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();
    JsonObject login = accounts.loginUntilChallenge(account);
    Answer tokens = accounts.verify(login.getString("challenge_id"), channels.mail().awaitNewCode(account.email(), before));
    String token = tokens.json().getString("access_token");

    Answer passwordOnly = api.putWithBearer("/api/v1/me/mfa", token, new JsonObject().put("method", "none")
        .put("password", account.password()));
    assertEquals(403, passwordOnly.status(), passwordOnly.toString());
    assertEquals("/problems/step-up-required", passwordOnly.json().getString("type"));
    assertEquals("second-factor", passwordOnly.json().getString("required"));

    int beforeStepUp = channels.mail().messagesTo(account.email()).size();
    Answer stepUp = api.postWithBearer("/api/v1/me/mfa/challenge", token, null);
    assertEquals(201, stepUp.status(), stepUp.toString());
    assertEquals("email", stepUp.json().getString("channel"));
    String code = channels.mail().awaitNewCode(account.email(), beforeStepUp);
    Answer changed = api.putWithBearer("/api/v1/me/mfa", token, new JsonObject().put("method", "none")
        .put("challenge_id", stepUp.json().getString("challenge_id")).put("code", code));
    assertEquals(200, changed.status(), changed.toString());
    assertEquals("none", changed.json().getString("method"));

    Answer plain = api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", account.username())
        .put("password", account.password()));
    assertTrue(plain.json().containsKey("access_token"), "the password alone signs in again: " + plain);
  }

  @Test
  @DisplayName("wrong second-factor codes count toward the account's lockout like wrong passwords")
  void wrongCodesLockTheAccount() {
    TestAccount account = accounts.register("salah.kode", "id");
    Authenticator authenticator = accounts.useTotp(account);
    JsonObject challenge = accounts.loginUntilChallenge(account);
    String right = TotpCodes.at(authenticator.secret(), Instant.now());
    for (int attempt = 1; attempt <= 5; attempt++) {
      Answer wrong = accounts.verify(challenge.getString("challenge_id"), wrongCode(right));
      assertEquals(401, wrong.status(), "attempt " + attempt + ": " + wrong);
      assertEquals(5 - attempt, wrong.json().getInteger("attemptsLeft"), wrong.toString());
    }

    Answer locked = Eventually.await("the account locked by five wrong codes",
        () -> api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", account.username())
            .put("password", account.password())),
        answer -> answer.status() == 423);
    assertEquals("/problems/account-locked", locked.json().getString("type"));
  }

  /** A 6-digit code that is certainly not {@code right} (nor, with overwhelming odds, a neighbour step's). */
  static String wrongCode(String right) {
    return right.equals("000000") ? "111111" : "000000";
  }
}
