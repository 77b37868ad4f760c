package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.MailServer.Mail;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.SmsWebhook.Sms;
import dev.portal.login.app.testing.TestServices;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Delivery is at-least-once in, exactly-once in effect: an app restarted with its consumer reading the
 * notification topic again from the start (a new group, as after lost offsets) sends nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationReplayTest {
  private Channels channels;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (channels != null) {
      channels.close();
    }
  }

  @Test
  @DisplayName("after a restart that replays the whole notification topic, no e-mail or SMS is sent a second time")
  void replaySendsNothingTwice() throws Exception {
    TestAccount account;
    String phone;
    try (RunningApp first = RunningApp.start(EnumSet.allOf(Role.class), channels.env())) {
      Accounts accounts = new Accounts(new ApiClient(first.baseUrl()), channels.mail(), channels.sms());
      account = accounts.registerVerified("kirim.sekali", "id");
      phone = accounts.useSmsCodes(account);
      accounts.loginUntilChallenge(account);
      channels.sms().awaitDelivered(phone, 2);
    }
    List<Mail> mailsBefore = channels.mail().messagesTo(account.email());
    List<Sms> smsBefore = channels.sms().deliveredTo(phone);

    try (RunningApp replaying = RunningApp.start(EnumSet.allOf(Role.class),
        channels.env(Map.of("NOTIFICATION_GROUP_ID", "notification-replay-" + UUID.randomUUID())))) {
      Accounts accounts = new Accounts(new ApiClient(replaying.baseUrl()), channels.mail(), channels.sms());
      // a new message behind the replayed ones on the account's partition: once it is here, they were handled
      accounts.loginUntilChallenge(account);
      channels.sms().awaitDelivered(phone, smsBefore.size() + 1);
    }
    assertEquals(smsBefore.size() + 1, channels.sms().deliveredTo(phone).size(), "only the new SMS was sent");
    assertEquals(mailsBefore.size(), channels.mail().messagesTo(account.email()).size(), "no e-mail sent again");
  }
}
