package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.LoginAttempts;
import dev.portal.login.app.testing.MailServer.Mail;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The new-sign-in alert: sent when a login comes from a device never seen for the account and from
 * an IP network (/24) not seen recently, and not otherwise. The gateway trusts the loopback proxy, so
 * X-Forwarded-For chooses each login's client address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewSignInAlertTest {
  private Channels channels;
  private RunningApp app;
  private Accounts accounts;
  private LoginAttempts logins;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of("TRUSTED_PROXIES", "127.0.0.0/8, ::1")));
    accounts = new Accounts(new ApiClient(app.baseUrl()), channels.mail(), channels.sms());
    logins = new LoginAttempts(app.baseUrl());
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
  @DisplayName("a sign-in from a new device on a new network sends the alert; a known device or a known network does not")
  void alertOnlyForNewDeviceOnNewNetwork() {
    TestAccount account = accounts.registerVerified("masuk.baru", "id");
    String home = randomNetwork();
    String travel = randomNetwork();
    String stranger = randomNetwork();
    String firstDevice = deviceToken(login(account, home + "10", null));

    login(account, home + "20", firstDevice);          // known device, known network
    login(account, home + "30", null);                 // new device, known network
    login(account, travel + "9", firstDevice);         // known device, new network
    login(account, stranger + "44", null);             // new device, new network: the alert

    Mail alert = channels.mail().awaitMessageMentioning(account.email(), stranger + "44");
    assertTrue(alert.text().contains(Channels.PUBLIC_BASE_URL), "a link to review sessions: " + alert.text());
    // the alert for the last login came after the three before it (one account, one partition, in order)
    List<Mail> all = channels.mail().messagesTo(account.email());
    for (String quiet : List.of(home + "20", home + "30", travel + "9")) {
      assertEquals(0, all.stream().filter(mail -> mail.mentions(quiet)).count(), "no alert for the login from " + quiet);
    }
    assertEquals(1, all.stream().filter(mail -> mail.mentions(stranger + "44")).count(), "one alert");
  }

  @Test
  @DisplayName("the alert is written in the account's language and names the address of the sign-in")
  void alertInTheAccountsLanguage() {
    TestAccount indonesian = accounts.registerVerified("peringatan.id", "id");
    TestAccount english = accounts.registerVerified("peringatan.en", "en");
    String first = randomNetwork();
    String second = randomNetwork();
    login(indonesian, first + "77", null);
    login(english, first + "78", null);
    login(indonesian, second + "77", null);
    login(english, second + "78", null);

    Mail inIndonesian = channels.mail().awaitMessageMentioning(indonesian.email(), second + "77");
    Mail inEnglish = channels.mail().awaitMessageMentioning(english.email(), second + "78");
    assertEquals("Masuk baru ke akun Anda", inIndonesian.subject());
    assertEquals("New sign-in to your account", inEnglish.subject());
    assertTrue(inEnglish.text().contains(Channels.PUBLIC_BASE_URL), "a link to review the activity: " + inEnglish.text());
  }

  /**
   * A /24 no other test uses ("10.a.b."): the lockout consumer rebuilds IP throttles from Kafka after
   * Redis is flushed, so a network other tests failed from may still be throttled.
   */
  private static String randomNetwork() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".";
  }

  private Answer login(TestAccount account, String clientIp, String deviceToken) {
    Answer answer = logins.login(account.username(), account.password(), clientIp, deviceToken);
    assertEquals(200, answer.status(), "login from " + clientIp + ": " + answer);
    return answer;
  }

  private static String deviceToken(Answer login) {
    String token = login.json().getString("device_token");
    assertNotNull(token, "a login names its device: " + login);
    return token;
  }
}
