package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.Accounts.TestAccount;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Channels;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DEV_OUTBOX (the no-setup default) reaches both roles that read it: the notification consumer
 * renders into the outbox instead of sending, and the gateway serves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevOutboxTest {
  private Channels channels;
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    channels = Channels.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), channels.env(Map.of("DEV_OUTBOX", "true")));
    api = new ApiClient(app.baseUrl());
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
  @DisplayName("with the dev outbox on, the verification e-mail is rendered into the outbox, readable by address, and not sent")
  void messagesLandInTheOutbox() {
    TestAccount account = new Accounts(api, channels.mail(), channels.sms()).register("kotak.dev", "en");
    String query = "/api/v1/dev/outbox?to=" + URLEncoder.encode(account.email(), StandardCharsets.UTF_8);

    JsonArray items = Eventually.await("the verification message in the outbox", () -> api.get(query),
        answer -> answer.status() == 200 && !answer.items().isEmpty()).items();
    JsonObject message = items.getJsonObject(0);
    assertEquals(account.email(), message.getString("to"));
    assertEquals("email-verification", message.getString("template"));
    assertEquals("Verify your e-mail address", message.getString("subject"));
    assertTrue(message.getString("body").contains(Channels.PUBLIC_BASE_URL + "/verify-email?token="),
        message.getString("body"));

    Answer others = api.get("/api/v1/dev/outbox?to=" + URLEncoder.encode("someone.else@example.id", StandardCharsets.UTF_8));
    assertEquals(200, others.status());
    assertEquals(0, others.items().size(), "filtered by address");
    assertEquals(0, channels.mail().messagesTo(account.email()).size(), "rendered, not sent");
  }
}
