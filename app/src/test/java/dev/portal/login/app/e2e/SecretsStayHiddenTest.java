package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.portal.login.app.testing.LogCapture;
import dev.portal.login.app.testing.MailServer.Mail;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.SmsWebhook.Sms;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.app.testing.TopicReader;
import dev.portal.login.app.testing.TotpCodes;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of secret the second factor and recovery create (codes by e-mail and SMS, link tokens,
 * the authenticator secret and codes, recovery codes, passwords) is used for real, then searched for
 * where it must never be: the audit table, the logs, and the Kafka topics read raw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsStayHiddenTest {
  private static final String NEW_PASSWORD = "Gunung Merapi di ufuk timur 1994";

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
  @DisplayName("no code, link token, authenticator secret, recovery code or password appears in the audit table, the logs, or the raw topics")
  void secretsNeverLeak() {
    List<String> secrets = new ArrayList<>();
    TestAccount byMessages;
    TestAccount byAuthenticator;
    String logs;
    try (LogCapture capture = LogCapture.start()) {
      byMessages = accounts.register("rahasia.pesan", "id");
      Mail verification = channels.mail().awaitMessageMentioning(byMessages.email(), "/verify-email?token=");
      secrets.add(verification.token("/verify-email"));
      accounts.verifyEmail(byMessages);

      accounts.useEmailCodes(byMessages);
      secrets.add(signInByEmailCode(byMessages));

      int before = channels.mail().messagesTo(byMessages.email()).size();
      assertEquals(202, api.postJson("/api/v1/password/forgot",
          new JsonObject().put("identifier", byMessages.email())).status());
      String resetToken = channels.mail().awaitNewMessage(byMessages.email(), before,
          mail -> mail.mentions("/reset-password?token=")).token("/reset-password");
      secrets.add(resetToken);
      assertEquals(204, api.postJson("/api/v1/password/reset", new JsonObject().put("token", resetToken)
          .put("new_password", NEW_PASSWORD)).status());
      TestAccount renewed = new TestAccount(byMessages.id(), byMessages.username(), byMessages.email(), NEW_PASSWORD,
          byMessages.locale());
      secrets.add(signInByEmailCode(renewed));

      byAuthenticator = accounts.register("rahasia.aplikasi", "en");
      Authenticator authenticator = accounts.useTotp(byAuthenticator);
      secrets.add(authenticator.secret());
      secrets.addAll(authenticator.recoveryCodes());
      String totpCode = TotpCodes.at(authenticator.secret(), Instant.now());
      secrets.add(totpCode);
      assertEquals(200, accounts.verify(accounts.loginUntilChallenge(byAuthenticator).getString("challenge_id"),
          totpCode).status());
      assertEquals(200, accounts.verify(accounts.loginUntilChallenge(byAuthenticator).getString("challenge_id"),
          authenticator.recoveryCodes().get(0)).status());

      TestAccount smsAccount = accounts.registerVerified("rahasia.sms", "id");
      String phone = accounts.useSmsCodes(smsAccount);
      secrets.add(channels.sms().deliveredTo(phone).get(0).code());
      JsonObject challenge = accounts.loginUntilChallenge(smsAccount);
      Sms sms = channels.sms().awaitDelivered(phone, 2).get(1);
      secrets.add(sms.code());
      assertEquals(200, accounts.verify(challenge.getString("challenge_id"), sms.code()).status());

      secrets.add(Accounts.PASSWORD);
      secrets.add(NEW_PASSWORD);
      awaitAudit(byMessages.id(), "password.changed");
      awaitAudit(byAuthenticator.id(), "mfa.recovery_code_used");
      awaitAudit(smsAccount.id(), "login.succeeded");
      // the audit consumer writes in partition order: once these are in, so is everything before them
      logs = capture.text(logger -> !logger.startsWith("com.icegreen"));
      assertTrue(capture.lines() > 0, "the capture saw the app's logging");

      String auditRows = Database.auditRowsOf(byMessages.id()) + Database.auditRowsOf(byAuthenticator.id())
          + Database.auditRowsOf(smsAccount.id());
      assertTrue(auditRows.contains("mfa.code_sent") && auditRows.contains("password.reset_requested"),
          "the rows read are those of the flows above");
      assertNoSecret("the audit rows", auditRows, secrets);
    }
    assertNoSecret("the logs", logs, secrets);

    String notifications = String.join("\n", TopicReader.values(Topics.NOTIFICATIONS));
    assertTrue(notifications.contains(byMessages.id()), "the raw read sees the account's notifications");
    assertTrue(notifications.contains("\"sealed\""), "secrets travel sealed");
    assertNoSecret(Topics.NOTIFICATIONS, notifications, secrets);
    for (String topic : List.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS, Topics.DEAD_LETTER)) {
      assertNoSecret(topic, String.join("\n", TopicReader.values(topic)), secrets);
    }
  }

  private String signInByEmailCode(TestAccount account) {
    int before = channels.mail().messagesTo(account.email()).size();
    JsonObject challenge = accounts.loginUntilChallenge(account);
    String code = channels.mail().awaitNewCode(account.email(), before);
    Answer verified = accounts.verify(challenge.getString("challenge_id"), code);
    assertEquals(200, verified.status(), verified.toString());
    return code;
  }

  private static void awaitAudit(String accountId, String type) {
    Eventually.await(type + " of " + accountId + " in the audit table", () -> Database.count(
        "SELECT count(*) FROM audit.audit_event WHERE account_id = ?::uuid AND type = ?", accountId, type),
        count -> count > 0);
  }

  /** A secret counts as found only as a whole token: a 6-digit code inside a longer number or base64 run is chance. */
  private static void assertNoSecret(String where, String text, List<String> secrets) {
    assertNotNull(text);
    for (String secret : secrets) {
      Pattern whole = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
      assertTrue(!whole.matcher(text).find(), where + " contain a secret ("
          + secret.length() + " characters, starting " + secret.charAt(0) + ")");
    }
  }
}
