package dev.portal.login.gateway;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The roles behind the gateway as a test scripts them: each address answers a set reply or problem and
 * remembers the last request it was asked; the login role's signing key makes the caller's tokens.
 */
final class FakeRoles {
  static final String ACCOUNT_ID = UUID.randomUUID().toString();
  static final String SESSION_ID = UUID.randomUUID().toString();

  private final Vertx vertx;
  private final ECKey signingKey = TestTokens.newKey("key-1");
  private final Map<String, JsonObject> received = new ConcurrentHashMap<>();
  private final AtomicInteger asked = new AtomicInteger();
  private final Map<String, Consumer<Message<JsonObject>>> answers = new ConcurrentHashMap<>();

  FakeRoles(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(signingKey)));
  }

  /** The address answers this reply from now on (scripting it again replaces the answer). */
  FakeRoles reply(String address, JsonObject reply) {
    return script(address, message -> message.reply(reply));
  }

  /** The address fails with this problem from now on. */
  FakeRoles fail(String address, Problem problem) {
    return script(address, message -> ProblemException.failMessage(message, problem));
  }

  private FakeRoles script(String address, Consumer<Message<JsonObject>> answer) {
    if (answers.put(address, answer) == null) {
      vertx.eventBus().<JsonObject>consumer(address, message -> {
        asked.incrementAndGet();
        received.put(address, message.body());
        answers.get(address).accept(message);
      });
    }
    return this;
  }

  /** The last request the address received, null if none. */
  JsonObject received(String address) {
    return received.get(address);
  }

  /** How many requests all scripted addresses received together. */
  int asked() {
    return asked.get();
  }

  /** The request with a valid access token of {@link #ACCOUNT_ID} in session {@link #SESSION_ID}. */
  HttpRequest<Buffer> authenticated(HttpRequest<Buffer> request) {
    String token = TestTokens.sign(signingKey,
        TestTokens.claims(ACCOUNT_ID, List.of("user")).claim("sid", SESSION_ID).build());
    return request.putHeader("Authorization", "Bearer " + token);
  }
}
