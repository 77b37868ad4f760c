package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccountViewTest {

  @Test
  @DisplayName("the account view tells whether the e-mail is verified and which second factor is on, beside "
      + "the members it always had")
  void showsVerificationAndMethod() {
    UUID id = UUID.randomUUID();
    JsonObject json = new AccountView(id, "budi", "budi@example.id", null, null, null, "id", List.of("user"),
        "active", Instant.parse("2026-01-01T00:00:00Z"), true, "totp").toJson();
    assertTrue(json.getBoolean("email_verified"));
    assertEquals("totp", json.getString("mfa_method"));
    assertEquals(id.toString(), json.getString("id"));
    assertEquals("budi@example.id", json.getString("email"));
    assertEquals("2026-01-01T00:00:00Z", json.getString("createdAt"));
    assertFalse(json.containsKey("passwordHash"));
  }

  @Test
  @DisplayName("a new account is shown unverified and without a second factor")
  void newAccountsAreUnverified() {
    JsonObject json = new AccountView(UUID.randomUUID(), "budi", "budi@example.id", null, null, null, "id",
        List.of("user"), "active", Instant.EPOCH).toJson();
    assertFalse(json.getBoolean("email_verified"));
    assertEquals("none", json.getString("mfa_method"));
  }
}
