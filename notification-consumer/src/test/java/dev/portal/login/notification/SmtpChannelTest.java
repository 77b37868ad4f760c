package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import dev.portal.login.notification.DeliveryChannel.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.mail.MailClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail channel against a real SMTP server in this JVM (GreenMail), and against one that refuses. */
@ExtendWith(VertxExtension.class)
class SmtpChannelTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String FROM = "Portal Layanan <no-reply@portal.example.id>";
  private MailClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private SmtpChannel channel(Vertx vertx, int port) {
    SmtpSettings settings = SmtpSettings.fromEnv(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port),
        "SMTP_TLS", "none", "SMTP_FROM", FROM, "SMTP_CONNECT_TIMEOUT_MS", "2000"));
    client = MailClient.create(vertx, settings.toMailConfig());
    return new SmtpChannel(client, settings.from());
  }

  private static NotificationDelivery delivery(DeliveryChannel email, Contact contact) {
    DeliveryChannels channels = DeliveryChannels.sending(email, new Fakes.Channel("sms"));
    return new NotificationDelivery(TemplateCatalogue.load(), new Fakes.Contacts().with(contact), new Fakes.Marks(),
        channels, new Fakes.DeadLetters(), new DeliveryMeters(new SimpleMeterRegistry(), channels.labels()));
  }

  private static SourcedEvent<OpenedNotification> loginCode(UUID account, String code) {
    return Messages.sourced(Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, account, null,
        new JsonObject().put("code", code), Messages.codeData()), 0);
  }

  @Test
  @DisplayName("a login code arrives by SMTP with the subject in the account's language and the code in the body")
  void codeArrivesInTheAccountsLanguage(Vertx vertx, VertxTestContext test) {
    UUID indonesian = UUID.randomUUID();
    UUID english = UUID.randomUUID();
    SmtpChannel smtp = channel(vertx, GREEN_MAIL.getSmtp().getPort());
    delivery(smtp, new Contact(indonesian, "dewi@example.id", true, null, false, "id"))
        .deliverAll(List.of(loginCode(indonesian, "480213")))
        .compose(first -> delivery(smtp, new Contact(english, "john@example.org", true, null, false, "en"))
            .deliverAll(List.of(loginCode(english, "771904"))))
        .onComplete(test.succeeding(done -> test.verify(() -> {
          MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
          assertEquals(2, received.length);
          MimeMessage toDewi = received[0];
          assertEquals("Kode verifikasi Anda", toDewi.getSubject());
          assertEquals("dewi@example.id", ((InternetAddress) toDewi.getAllRecipients()[0]).getAddress());
          assertEquals("no-reply@portal.example.id", ((InternetAddress) toDewi.getFrom()[0]).getAddress());
          String body = toDewi.getContent().toString();
          assertTrue(body.contains("480213"), body);
          assertTrue(body.contains("Jangan berikan kode ini kepada siapa pun"), body);
          MimeMessage toJohn = received[1];
          assertEquals("Your verification code", toJohn.getSubject());
          assertTrue(toJohn.getContent().toString().contains("771904"));
          assertEquals("en", toJohn.getHeader("Content-Language")[0]);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("an SMTP server that is not there fails the delivery so the batch is retried")
  void serverDownIsRetried(Vertx vertx, VertxTestContext test) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    channel(vertx, closedPort).deliver(rendered("nobody@example.id"))
        .onComplete(test.failing(failure -> test.completeNow()));
  }

  @Test
  @DisplayName("a recipient the server refuses for good is refused with the reply code, never the address")
  void permanentRefusal(Vertx vertx, VertxTestContext test) {
    NetServer refusing = vertx.createNetServer().connectHandler(SmtpChannelTest::refuseRecipients);
    refusing.listen(0, "127.0.0.1")
        .compose(server -> channel(vertx, server.actualPort()).deliver(rendered("ghost@example.id")))
        .onComplete(test.succeeding(outcome -> test.verify(() -> {
          Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, outcome);
          assertEquals("smtp server refused the message with 550", refused.reason());
          assertFalse(refused.reason().contains("ghost"), refused.reason());
          test.completeNow();
        })))
        .eventually(refusing::close);
  }

  private static RenderedMessage rendered(String to) {
    return new RenderedMessage(UUID.randomUUID(), UUID.randomUUID(), Notification.EMAIL, to, Templates.NEW_SIGN_IN,
        "id", "Masuk baru ke akun Anda", "Ada proses masuk baru.\n", new JsonObject(), Messages.CREATED);
  }

  /** A minimal SMTP server that takes the sender and refuses every recipient as unknown. */
  private static void refuseRecipients(NetSocket socket) {
    socket.write("220 refusing.example ESMTP\r\n");
    socket.handler(buffer -> {
      for (String line : buffer.toString().split("\r\n")) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        switch (command) {
          case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> socket.write("250 OK\r\n");
          case "RCPT" -> socket.write("550 5.1.1 " + line.substring(line.indexOf('<')) + " user unknown\r\n");
          case "QUIT" -> socket.write("221 bye\r\n").compose(written -> socket.close());
          default -> socket.write("502 not implemented\r\n");
        }
      }
    });
  }
}
