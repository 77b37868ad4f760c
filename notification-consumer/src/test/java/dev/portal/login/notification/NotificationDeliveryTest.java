package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import dev.portal.login.notification.DeliveryChannel.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class NotificationDeliveryTest {
  private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
  private static final UUID ACCOUNT = UUID.randomUUID();
  private static final Contact CONTACT =
      new Contact(ACCOUNT, "siti.rahma@example.id", true, "+6281234567890", true, "en");

  private final Fakes.Marks marks = new Fakes.Marks();
  private final Fakes.Contacts contacts = new Fakes.Contacts().with(CONTACT);
  private final Fakes.Channel email = new Fakes.Channel("email");
  private final Fakes.Channel sms = new Fakes.Channel("sms");
  private final Fakes.DeadLetters deadLetters = new Fakes.DeadLetters();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private NotificationDelivery delivery;

  @BeforeEach
  void setUp() {
    DeliveryChannels channels = DeliveryChannels.sending(email, sms);
    delivery = new NotificationDelivery(CATALOGUE, contacts, marks, channels, deadLetters,
        new DeliveryMeters(registry, channels.labels()));
    logs.start();
    ((Logger) LoggerFactory.getLogger(NotificationDelivery.class)).addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(NotificationDelivery.class)).detachAppender(logs);
  }

  private double count(String channel, String result) {
    return registry.counter(DeliveryMeters.DELIVERIES, "channel", channel, "result", result).count();
  }

  private String logText() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
  }

  private static Notification loginCode(String channel, String locale, JsonObject secret) {
    return Messages.message(Templates.LOGIN_CODE, channel, ACCOUNT, locale, secret, Messages.codeData());
  }

  private Future<Void> deliver(Notification... messages) {
    List<SourcedEvent<OpenedNotification>> batch = new java.util.ArrayList<>();
    for (int i = 0; i < messages.length; i++) {
      batch.add(Messages.sourced(messages[i], i));
    }
    return delivery.deliverAll(batch);
  }

  @Test
  @DisplayName("a code goes to the account's verified e-mail in the account's language, is marked sent and counted")
  void sendsToTheAccount(VertxTestContext test) {
    Notification message = loginCode(Notification.EMAIL, null, new JsonObject().put("code", "905731"));
    deliver(message).onComplete(test.succeeding(done -> test.verify(() -> {
      assertEquals(1, email.delivered.size());
      RenderedMessage sent = email.delivered.get(0);
      assertEquals("siti.rahma@example.id", sent.to());
      assertEquals("en", sent.locale());
      assertEquals("Your verification code", sent.subject());
      assertTrue(sent.body().contains("905731"), sent.body());
      assertEquals(DeliveryMarks.SENT, marks.marks.get(message.messageId()));
      assertEquals(1.0, count("email", "sent"));
      assertEquals(1, registry.timer(DeliveryMeters.DURATION, "channel", "email").count());
      String log = logText();
      assertTrue(log.contains(message.messageId().toString()) && log.contains("s***@example.id")
          && log.contains("result sent"), log);
      assertFalse(log.contains("905731") || log.contains("siti.rahma"), log);
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("an SMS code goes to the sealed number, in the message's language, without a contact lookup")
  void smsToSealedNumber(VertxTestContext test) {
    Notification message = loginCode(Notification.SMS, "id",
        new JsonObject().put("code", "123456").put("to", "+6287700001111"));
    deliver(message).onComplete(test.succeeding(done -> test.verify(() -> {
      assertEquals(0, contacts.lookups);
      RenderedMessage sent = sms.delivered.get(0);
      assertEquals("+6287700001111", sent.to());
      assertNull(sent.subject());
      assertEquals("Kode verifikasi Anda: 123456. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.",
          sent.body());
      assertEquals(1.0, count("sms", "sent"));
      assertFalse(logText().contains("123456"), logText());
      assertFalse(logText().contains("87700001111"), logText());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a message already marked sent is not sent again and counts as a duplicate")
  void duplicateByMessageId(VertxTestContext test) {
    Notification message = loginCode(Notification.EMAIL, "id", new JsonObject().put("code", "111111"));
    deliver(message)
        .compose(first -> deliver(message))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(1, email.delivered.size(), "sent once");
          assertEquals(1.0, count("email", "sent"));
          assertEquals(1.0, count("email", "duplicate"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the same message twice in one batch is sent once")
  void duplicateInBatch(VertxTestContext test) {
    Notification message = loginCode(Notification.EMAIL, "id", new JsonObject().put("code", "111111"));
    deliver(message, message).onComplete(test.succeeding(done -> test.verify(() -> {
      assertEquals(1, email.delivered.size());
      assertEquals(1.0, count("email", "duplicate"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a message with nobody to receive it is skipped, committed and never retried")
  void skippedWithoutRecipient(VertxTestContext test) {
    contacts.with(new Contact(ACCOUNT, "siti.rahma@example.id", false, null, false, "id"));
    Notification code = loginCode(Notification.EMAIL, null, new JsonObject().put("code", "222222"));
    Notification sms = loginCode(Notification.SMS, null, new JsonObject().put("code", "333333"));
    Notification unknownAccount = Messages.message(Templates.NEW_SIGN_IN, Notification.EMAIL, UUID.randomUUID(), null,
        null, new JsonObject());
    deliver(code, sms, unknownAccount).onComplete(test.succeeding(done -> test.verify(() -> {
      assertTrue(email.delivered.isEmpty() && this.sms.delivered.isEmpty());
      assertEquals(2.0, count("email", "skipped"));
      assertEquals(1.0, count("sms", "skipped"));
      assertTrue(deadLetters.letters.isEmpty());
      assertTrue(logText().contains("no verified e-mail"), logText());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a password-changed warning reaches an unverified account e-mail")
  void warningToUnverified(VertxTestContext test) {
    contacts.with(new Contact(ACCOUNT, "siti.rahma@example.id", false, null, false, "id"));
    Notification message = Messages.message(Templates.PASSWORD_CHANGED, Notification.EMAIL, ACCOUNT, null, null,
        new JsonObject().put("when", "2025-11-21T07:05:00Z").put("ip", "203.0.113.9").put("via", "reset"));
    deliver(message).onComplete(test.succeeding(done -> test.verify(() -> {
      assertEquals("Kata sandi Anda telah diubah", email.delivered.get(0).subject());
      assertTrue(email.delivered.get(0).body().contains("21 November 2025 pukul 14.05 WIB"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a message a channel refuses goes to the dead-letter topic with the reason, marked so it is not redone")
  void refusedIsDeadLettered(VertxTestContext test) {
    sms.answer = message -> Future.succeededFuture(new Outcome.Refused("sms webhook answered 503 after 4 attempts"));
    Notification message = loginCode(Notification.SMS, "en", new JsonObject().put("code", "444444"));
    deliver(message)
        .compose(first -> deliver(message))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(1, deadLetters.letters.size());
          Fakes.Letter letter = deadLetters.letters.get(0);
          assertEquals("sms webhook answered 503 after 4 attempts", letter.reason());
          assertEquals(message.messageId(), letter.message().event().message().messageId());
          assertEquals(DeliveryMarks.DEAD_LETTERED, marks.marks.get(message.messageId()));
          assertEquals(1.0, count("sms", "dead_lettered"));
          assertEquals(1.0, count("sms", "duplicate"));
          assertEquals(1, sms.delivered.size());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a code message without its code is dead-lettered instead of sending an empty code")
  void missingCodeDeadLettered(VertxTestContext test) {
    Notification message = loginCode(Notification.EMAIL, "id", new JsonObject().put("to", "a@example.id"));
    deliver(message).onComplete(test.succeeding(done -> test.verify(() -> {
      assertTrue(email.delivered.isEmpty());
      assertTrue(deadLetters.letters.get(0).reason().contains("needs code"), deadLetters.letters.get(0).reason());
      assertEquals(1.0, count("email", "dead_lettered"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("when a message cannot be handled now the batch fails for a retry, after the others settled")
  void transientFailureFailsTheBatch(VertxTestContext test) {
    email.answer = message -> Future.failedFuture(new IllegalStateException("connection refused"));
    Notification failing = loginCode(Notification.EMAIL, "id", new JsonObject().put("code", "555555"));
    Notification fine = loginCode(Notification.SMS, "id", new JsonObject().put("code", "666666"));
    deliver(failing, fine).onComplete(test.failing(failure -> test.verify(() -> {
      assertEquals(1.0, count("email", "failed"));
      assertEquals(1.0, count("sms", "sent"));
      assertNull(marks.marks.get(failing.messageId()), "not marked: the retry sends it");
      assertEquals(DeliveryMarks.SENT, marks.marks.get(fine.messageId()));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("PostgreSQL or Redis being down fails the batch rather than skipping messages")
  void storesDown(VertxTestContext test) {
    contacts.down = true;
    Notification message = loginCode(Notification.EMAIL, null, new JsonObject().put("code", "777777"));
    deliver(message)
        .recover(lookupFailed -> {
          contacts.down = false;
          marks.down = true;
          return deliver(message).map(unexpected -> (Void) null).recover(marksFailed -> Future.succeededFuture());
        })
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertTrue(email.delivered.isEmpty());
          assertEquals(2.0, count("email", "failed"));
          assertEquals(0.0, count("email", "skipped"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("with the development outbox every message goes to it and counts under channel outbox")
  void outboxTakesEverything(VertxTestContext test) {
    Fakes.Channel outbox = new Fakes.Channel(DevOutboxChannel.LABEL);
    DeliveryChannels channels = DeliveryChannels.devOutbox(outbox);
    delivery = new NotificationDelivery(CATALOGUE, contacts, marks, channels, deadLetters,
        new DeliveryMeters(registry, channels.labels()));
    deliver(loginCode(Notification.EMAIL, null, new JsonObject().put("code", "1")),
        loginCode(Notification.SMS, null, new JsonObject().put("code", "2")))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertEquals(2, outbox.delivered.size());
          assertEquals(2.0, count("outbox", "sent"));
          assertEquals(List.of("outbox"), channels.labels());
          JsonObject item = DevOutboxChannel.item(outbox.delivered.get(0));
          assertEquals(List.of("messageId", "channel", "to", "template", "locale", "subject", "body", "createdAt",
              "accountId", "data"), List.copyOf(item.fieldNames()));
          test.completeNow();
        })));
  }
}
