package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.MailServer.Mail;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** E-mail over real SMTP (GreenMail in the test JVM), written in the language of the account. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationLanguageTest {
  private Channels channels;
  private RunningApp app;
  private Accounts accounts;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env());
    accounts = new Accounts(new ApiClient(app.baseUrl()), channels.mail(), channels.sms());
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
  @DisplayName("the code e-mail arrives over SMTP with an Indonesian subject for an id account and an English one for an en account")
  void codeMailInTheAccountsLanguage() {
    Mail indonesian = codeMail(accounts.registerVerified("bahasa.id", "id"));
    Mail english = codeMail(accounts.registerVerified("bahasa.en", "en"));

    assertEquals("Kode verifikasi Anda", indonesian.subject());
    assertEquals("Your verification code", english.subject());
    assertFalse(english.text().contains("Kode verifikasi"), "no Indonesian in the English message: " + english.text());
  }

  @Test
  @DisplayName("the verification e-mail of registration is in the language the person registered with")
  void verificationMailInTheAccountsLanguage() {
    TestAccount indonesian = accounts.register("daftar.id", "id");
    TestAccount english = accounts.register("daftar.en", "en");

    Mail inIndonesian = channels.mail().awaitMessageMentioning(indonesian.email(), "/verify-email?token=");
    Mail inEnglish = channels.mail().awaitMessageMentioning(english.email(), "/verify-email?token=");
    assertEquals(List.of(indonesian.email()), inIndonesian.to());
    assertEquals("Verifikasi alamat e-mail Anda", inIndonesian.subject());
    assertEquals("Verify your e-mail address", inEnglish.subject());
    assertTrue(inIndonesian.link("/verify-email").startsWith(Channels.PUBLIC_BASE_URL + "/verify-email?token="));
  }

  @Test
  @DisplayName("the development outbox is closed (404 problem) when messages are really sent")
  void devOutboxClosed() {
    ApiClient.Answer outbox = new ApiClient(app.baseUrl()).get("/api/v1/dev/outbox");
    assertEquals(404, outbox.status(), outbox.toString());
    assertEquals("/problems/not-found", outbox.json().getString("type"));
  }

  private Mail codeMail(TestAccount account) {
    accounts.useEmailCodes(account);
    int before = channels.mail().messagesTo(account.email()).size();
    accounts.loginUntilChallenge(account);
    return channels.mail().awaitNewMessage(account.email(), before, Mail::hasCode);
  }
}
