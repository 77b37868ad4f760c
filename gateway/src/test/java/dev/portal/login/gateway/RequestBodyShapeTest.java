package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Request bodies")
class RequestBodyShapeTest {
  private TestGateway gateway;
  private final AtomicInteger registerCalls = new AtomicInteger();
  private final AtomicReference<JsonObject> lastRegisterRequest = new AtomicReference<>();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_REGISTER, message -> {
      registerCalls.incrementAndGet();
      lastRegisterRequest.set(message.body());
      message.reply(new JsonObject().put("id", "5f0c1d7e-8a6b-4c1e-9a8e-0f6f2b3c4d5e").put("username", "siti"));
    });
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String slug) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("/problems/" + slug, problem.getString("type"));
    assertEquals(status, problem.getInteger("status"));
  }

  @Test
  @DisplayName("a body that is not valid JSON is refused with 400 malformed-json and never reaches the login role")
  void malformedJson(VertxTestContext testContext) {
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"username\": \"siti\","))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 400, "malformed-json");
          assertEquals(0, registerCalls.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a JSON array instead of an object is malformed too")
  void jsonArray(VertxTestContext testContext) {
    gateway.client.post("/api/v1/auth/login").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("[1, 2]"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 400, "malformed-json");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a body sent as text/plain is refused with 415 unsupported-media-type")
  void wrongContentType(VertxTestContext testContext) {
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{\"username\": \"siti\"}"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 415, "unsupported-media-type");
          assertEquals(0, registerCalls.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a body with no Content-Type at all is refused with 415")
  void missingContentType(VertxTestContext testContext) {
    gateway.client.post("/api/v1/auth/login")
        .sendBuffer(Buffer.buffer("{}"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 415, "unsupported-media-type");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a 1 MiB body is refused with 413 payload-too-large")
  void oversizedBody(VertxTestContext testContext) {
    String padding = "a".repeat(1024 * 1024);
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("username", padding))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 413, "payload-too-large");
          assertEquals(0, registerCalls.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a NUL byte in a field is refused with 400 validation-failed naming that field")
  void nulByte(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("username", "siti").put("password", "correct horse\u0000battery");
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "application/json; charset=utf-8")
        .sendJsonObject(body)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 400, "validation-failed");
          JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
          assertEquals("password", error.getString("field"));
          assertEquals(1, response.bodyAsJsonObject().getJsonArray("errors").size());
          assertEquals(0, registerCalls.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a control character deep inside nested members is named by its path")
  void nestedControlCharacter(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("profile", new JsonObject()
        .put("aliases", new JsonArray().add("ok").add("bell\u0007")));
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "application/json")
        .sendJsonObject(body)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertProblem(response, 400, "validation-failed");
          assertEquals("profile.aliases[1]",
              response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("registration answers 201 with the account and a Location, forwarding the request context")
  void registrationForwardsContext(VertxTestContext testContext) {
    String longAgent = "Mozilla/5.0 " + "x".repeat(600);
    JsonObject body = new JsonObject().put("username", "siti")
        .put("context", new JsonObject().put("ip", "6.6.6.6").put("requestId", "forged"));
    gateway.client.post("/api/v1/accounts").putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", longAgent).putHeader("X-Request-Id", "trace-42")
        .sendJsonObject(body)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(201, response.statusCode(), response.bodyAsString());
          assertEquals("/api/v1/me", response.getHeader("Location"));
          assertEquals("application/json", response.getHeader("Content-Type"));
          assertEquals("siti", response.bodyAsJsonObject().getString("username"));
          JsonObject context = lastRegisterRequest.get().getJsonObject("context");
          assertEquals("trace-42", context.getString("requestId"));
          assertEquals("127.0.0.1", context.getString("ip"));
          assertNotEquals("6.6.6.6", context.getString("ip"));
          assertEquals(512, context.getString("userAgent").length());
          assertTrue(longAgent.startsWith(context.getString("userAgent")));
          assertEquals("siti", lastRegisterRequest.get().getString("username"));
          testContext.completeNow();
        })));
  }
}
