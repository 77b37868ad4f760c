package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two api processes behind one load balancer: each verifies the other's tokens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {
  private static final String PASSWORD = "one key for every instance";

  private RunningApp first;
  private RunningApp second;

  @BeforeAll
  void start() throws Exception {
    first = RunningApp.start(EnumSet.allOf(Role.class), Map.of());
    second = RunningApp.start(EnumSet.of(Role.API), Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  @DisplayName("a token issued by one instance is accepted by the other, both publish the same JWKS, and one signing key exists")
  void instancesShareSigningKeys() {
    ApiClient a = new ApiClient(first.baseUrl());
    ApiClient b = new ApiClient(second.baseUrl());
    JsonObject person = new JsonObject().put("username", "two.instances").put("email", "two@example.id")
        .put("password", PASSWORD);
    String accountId = a.postJson("/api/v1/accounts", person).json().getString("id");

    String fromA = a.accessToken("two.instances", PASSWORD);
    String fromB = b.accessToken("two@example.id", PASSWORD);
    assertEquals(accountId, b.get("/api/v1/me", fromA).json().getString("id"));
    assertEquals(accountId, a.get("/api/v1/me", fromB).json().getString("id"));
    assertEquals(a.get("/.well-known/jwks.json").json(), b.get("/.well-known/jwks.json").json());
    assertEquals(1, Database.count("SELECT count(*) FROM identity.signing_key WHERE retire_after IS NULL"));
  }
}
