package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a clear problem with a stable type, and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String PASSWORD = "a perfectly good password";

  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of());
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  static Stream<Arguments> badRegistrations() {
    JsonObject valid = new JsonObject().put("username", "bad.input.victim").put("email", "victim@example.id")
        .put("password", PASSWORD);
    return Stream.of(
        Arguments.of("malformed JSON", "application/json", "{\"username\": \"x\",", 400, "malformed-json"),
        Arguments.of("a JSON array", "application/json", "[1,2,3]", 400, "malformed-json"),
        Arguments.of("the wrong content type", "text/plain", valid.encode(), 415, "unsupported-media-type"),
        Arguments.of("a 1 MiB body", "application/json",
            valid.copy().put("padding", "x".repeat(1 << 20)).encode(), 413, "payload-too-large"),
        Arguments.of("missing fields", "application/json", new JsonObject().put("username", "lonely").encode(), 400,
            "validation-failed"),
        // beyond the 16 KiB body limit the body is not even read
        Arguments.of("a 20,000-character password", "application/json",
            valid.copy().put("password", "p".repeat(20_000)).encode(), 413, "payload-too-large"),
        // the password policy's own rule (too-long), not a shape error
        Arguments.of("a 129-character password", "application/json",
            valid.copy().put("password", "p".repeat(129)).encode(), 400, "password-policy"),
        Arguments.of("a null byte in the username", "application/json",
            valid.copy().put("username", "bad\u0000input").encode(), 400, "validation-failed"),
        Arguments.of("a NIK that is not 16 digits", "application/json",
            valid.copy().put("nationalId", "31740123").encode(), 400, "validation-failed"),
        Arguments.of("a field of the wrong type", "application/json",
            valid.copy().put("email", 42).encode(), 400, "validation-failed"));
  }

  @ParameterizedTest(name = "registration with {0} is refused with {3} {4} and writes nothing")
  @MethodSource("badRegistrations")
  @DisplayName("bad registrations are refused and write nothing")
  void badRegistrationWritesNothing(String what, String contentType, String body, int status, String type) {
    long accountsBefore = Database.rows("identity.account");
    long identifiersBefore = Database.rows("identity.account_identifier");

    Answer answer = api.post("/api/v1/accounts", contentType, body);

    assertEquals(status, answer.status(), what + ": " + answer);
    assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
    JsonObject problem = answer.json();
    assertEquals("/problems/" + type, problem.getString("type"));
    assertEquals(status, problem.getInteger("status"));
    assertTrue(problem.getString("title") != null && problem.getString("detail") != null);
    if (type.equals("validation-failed")) {
      assertTrue(problem.getJsonArray("errors").size() > 0, "validation names the fields");
    }
    assertEquals(accountsBefore, Database.rows("identity.account"), "no account written");
    assertEquals(identifiersBefore, Database.rows("identity.account_identifier"), "no identifier written");
  }

  static Stream<Arguments> badLogins() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"identifier\":", 400, "malformed-json"),
        Arguments.of("no password", new JsonObject().put("identifier", "someone").encode(), 400, "validation-failed"),
        Arguments.of("a 20,000-character password",
            new JsonObject().put("identifier", "someone").put("password", "p".repeat(20_000)).encode(), 413,
            "payload-too-large"),
        Arguments.of("a 129-character password",
            new JsonObject().put("identifier", "someone").put("password", "p".repeat(129)).encode(), 400,
            "validation-failed"),
        Arguments.of("a null byte in the identifier",
            new JsonObject().put("identifier", "some\u0000one").put("password", PASSWORD).encode(), 400,
            "validation-failed"));
  }

  @ParameterizedTest(name = "login with {0} is refused with {2} {3}")
  @MethodSource("badLogins")
  @DisplayName("bad logins are refused before any password work")
  void badLoginIsRefused(String what, String body, int status, String type) {
    Answer answer = api.post("/api/v1/auth/login", "application/json", body);
    assertEquals(status, answer.status(), what + ": " + answer);
    assertEquals("/problems/" + type, answer.json().getString("type"));
  }
}
