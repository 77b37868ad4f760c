package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The deployment settings around the second factor: a portal that requires it of its privileged
 * accounts, and one that lets only verified e-mail addresses sign in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorPolicyTest {
  private static final String ADMIN = "petugas.keamanan";
  private static final String ADMIN_EMAIL = "petugas.keamanan@example.id";
  private static final String ADMIN_PASSWORD = "Menara pengawas di tepi pantai 2026";

  private Channels channels;
  private RunningApp app;
  private ApiClient api;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of(
        "MFA_REQUIRED", "privileged",
        "LOGIN_REQUIRES_VERIFIED_EMAIL", "true",
        "BOOTSTRAP_ADMIN_USERNAME", ADMIN,
        "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL)));
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
  @DisplayName("an unverified account is refused with 403 email-not-verified until it follows its link; then a plain user needs no code")
  void verifiedEmailRequired() {
    TestAccount account = accounts.register("belum.verifikasi", "id");
    Answer refused = login(account.username(), account.password());
    assertEquals(403, refused.status(), refused.toString());
    assertEquals("/problems/email-not-verified", refused.json().getString("type"));
    assertEquals(401, login(account.username(), "not the password of anyone").status(),
        "a wrong password learns nothing about the address");

    accounts.verifyEmail(account);
    Answer signedIn = login(account.username(), account.password());
    assertEquals(200, signedIn.status(), signedIn.toString());
    assertTrue(signedIn.json().containsKey("access_token"), "no second factor is required of a plain user");
  }

  @Test
  @DisplayName("the bootstrap administrator of a portal requiring a second factor of privileged roles is sent a link on its first sign-in, verifies its address and signs in with an e-mail code")
  void administratorSignsInWithEmailCode() {
    Answer unverified = login(ADMIN, ADMIN_PASSWORD);
    assertEquals(403, unverified.status(), unverified.toString());
    assertEquals("/problems/email-not-verified", unverified.json().getString("type"));
    // the refusal after the right password sends the link the administrator never had
    String token = channels.mail().awaitMessageMentioning(ADMIN_EMAIL, "/verify-email?token=").token("/verify-email");
    assertEquals(204, api.postJson("/api/v1/accounts/verify-email", new JsonObject().put("token", token)).status());

    int before = channels.mail().messagesTo(ADMIN_EMAIL).size();
    Answer password = login(ADMIN, ADMIN_PASSWORD);
    assertEquals(200, password.status(), password.toString());
    assertEquals(true, password.json().getBoolean("mfa_required"), "an administrator must pass a second factor");
    assertEquals("email", password.json().getString("channel"));
    Answer verified = accounts.verify(password.json().getString("challenge_id"),
        channels.mail().awaitNewCode(ADMIN_EMAIL, before));
    assertEquals(200, verified.status(), verified.toString());
    assertEquals(200, api.get("/api/v1/audit/events?limit=1", verified.json().getString("access_token")).status());
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }
}
