package dev.portal.login.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as shown to its owner and the gateway: never the password hash. */
public record AccountView(
    UUID id,
    String username,
    String email,
    String phone,
    String nationalId,
    String employerNumber,
    String locale,
    List<String> roles,
    String status,
    Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("username", username)
        .put("email", email)
        .put("phone", phone)
        .put("nationalId", nationalId)
        .put("employerNumber", employerNumber)
        .put("locale", locale)
        .put("roles", new JsonArray(roles))
        .put("status", status)
        .put("createdAt", createdAt.toString());
  }
}
