package dev.portal.login.app.testing;

import dev.portal.login.app.testing.ApiClient.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh accounts with random names, brought over HTTP to the state a test needs: registered, e-mail
 * verified (through the link that arrived by e-mail), a second factor turned on. Every step asserts
 * its own success so a test fails where the flow breaks, not later.
 */
public final class Accounts {
  /** Passes the password policy: long, not a common password, free of any test username. */
  public static final String PASSWORD = "Kebun raya Bogor di pagi hari 2026";

  private final ApiClient api;
  private final MailServer mail;
  private final SmsWebhook sms;
  private final Clock clock;

  public Accounts(ApiClient api, MailServer mail, SmsWebhook sms) {
    this(api, mail, sms, Clock.systemUTC());
  }

  /** @param clock the app's clock, which authenticator codes must follow (e.g. a {@link MutableClock}) */
  public Accounts(ApiClient api, MailServer mail, SmsWebhook sms, Clock clock) {
    this.api = api;
    this.mail = mail;
    this.sms = sms;
    this.clock = clock;
  }

  /** An account as the test knows it. */
  public record TestAccount(String id, String username, String email, String password, String locale) {
  }

  /** A unique username (lower case, so it comes back unchanged) with a readable prefix. */
  public static String uniqueName(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A unique Indonesian mobile number in E.164. */
  public static String uniquePhone() {
    return "+62812" + String.format(Locale.ROOT, "%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  public TestAccount register(String prefix, String locale) {
    String username = uniqueName(prefix);
    String email = username + "@example.id";
    JsonObject body = new JsonObject().put("username", username).put("email", email).put("password", PASSWORD);
    if (locale != null) {
      body.put("locale", locale);
    }
    Answer registered = api.postJson("/api/v1/accounts", body);
    expect(201, registered, "registration of " + username);
    return new TestAccount(registered.json().getString("id"), username, email, PASSWORD, locale);
  }

  /** Registers and follows the verification link of the registration e-mail. */
  public TestAccount registerVerified(String prefix, String locale) {
    TestAccount account = register(prefix, locale);
    verifyEmail(account);
    return account;
  }

  /** The link from the registration e-mail, posted as a portal page would. */
  public void verifyEmail(TestAccount account) {
    String token = mail.awaitMessageMentioning(account.email(), "/verify-email?token=").token("/verify-email");
    expect(204, api.postJson("/api/v1/accounts/verify-email", new JsonObject().put("token", token)),
        "e-mail verification of " + account.username());
  }

  /** An access token from a password login that must not ask for a second factor. */
  public String accessToken(TestAccount account) {
    return api.accessToken(account.username(), account.password());
  }

  /** Turns on e-mail codes, proven by the password (the account has no second factor yet). */
  public void useEmailCodes(TestAccount account) {
    setMethod(account, accessToken(account), "email");
  }

  /** Sets, verifies (code from the webhook) and turns on SMS codes for a new unique number; returns the number. */
  public String useSmsCodes(TestAccount account) {
    String token = accessToken(account);
    String phone = verifyPhone(account, token);
    setMethod(account, token, "sms");
    return phone;
  }

  /** Sets and verifies (code from the webhook) a new unique number, leaving the method as it is; returns it. */
  public String verifyPhone(TestAccount account, String token) {
    String phone = uniquePhone();
    int before = sms.deliveredTo(phone).size();
    Answer set = api.postWithBearer("/api/v1/me/phone", token, new JsonObject().put("phone", phone));
    expect(202, set, "phone number of " + account.username());
    String code = sms.awaitDelivered(phone, before + 1).get(before).code();
    expect(204, api.postWithBearer("/api/v1/me/phone/verify", token, new JsonObject()
        .put("challenge_id", set.json().getString("challenge_id")).put("code", code)), "phone verification");
    return phone;
  }

  /** An authenticator enrolled and confirmed; the secret and the ten recovery codes. */
  public record Authenticator(String secret, List<String> recoveryCodes) {
  }

  /**
   * Enrols (proven by the password: the account has no second factor yet) and confirms an authenticator.
   * The confirming code is the previous time step's (accepted within the ±1 step window), so the
   * current step stays unused for the login that follows.
   */
  public Authenticator useTotp(TestAccount account) {
    String token = accessToken(account);
    Answer enrolled = api.postWithBearer("/api/v1/me/mfa/totp", token,
        new JsonObject().put("password", account.password()));
    expect(200, enrolled, "authenticator enrolment");
    String secret = enrolled.json().getString("secret");
    String code = TotpCodes.at(secret, clock.instant().minusSeconds(TotpCodes.STEP_SECONDS));
    Answer confirmed = api.postWithBearer("/api/v1/me/mfa/totp/confirm", token, new JsonObject().put("code", code));
    expect(200, confirmed, "authenticator confirmation");
    JsonArray codes = confirmed.json().getJsonArray("recovery_codes");
    return new Authenticator(secret, codes.stream().map(String::valueOf).toList());
  }

  public void setMethod(TestAccount account, String accessToken, String method) {
    Answer changed = api.putWithBearer("/api/v1/me/mfa", accessToken, new JsonObject().put("method", method)
        .put("password", account.password()));
    expect(200, changed, "second-factor method " + method + " of " + account.username());
  }

  /** A password login that must stop at the second factor; its challenge. */
  public JsonObject loginUntilChallenge(TestAccount account) {
    Answer login = api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", account.username())
        .put("password", account.password()));
    expect(200, login, "password step of " + account.username());
    if (!login.json().getBoolean("mfa_required", false)) {
      throw new AssertionError("expected a second-factor challenge, got " + login);
    }
    return login.json();
  }

  public Answer verify(String challengeId, String code) {
    return api.postJson("/api/v1/auth/mfa/verify", new JsonObject().put("challenge_id", challengeId).put("code", code));
  }

  public static void expect(int status, Answer answer, String what) {
    if (answer.status() != status) {
      throw new AssertionError(what + ": expected " + status + ", got " + answer);
    }
  }
}
