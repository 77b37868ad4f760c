package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DevOutboxRequestsTest {
  private static final List<JsonObject> NEWEST_FIRST = List.of(
      new JsonObject().put("messageId", "3").put("to", "a@example.id"),
      new JsonObject().put("messageId", "2").put("to", "b@example.id"),
      new JsonObject().put("messageId", "1").put("to", "a@example.id"));

  private static List<String> ids(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("messageId")).toList();
  }

  @Test
  @DisplayName("items come newest first, only those to exactly the given destination, at most the limit")
  void selects() {
    assertEquals(List.of("3", "2", "1"), ids(DevOutboxRequests.select(NEWEST_FIRST, null, 20)));
    assertEquals(List.of("3", "1"), ids(DevOutboxRequests.select(NEWEST_FIRST, "a@example.id", 20)));
    assertEquals(List.of("3"), ids(DevOutboxRequests.select(NEWEST_FIRST, "a@example.id", 1)));
    assertEquals(List.of(), ids(DevOutboxRequests.select(NEWEST_FIRST, "A@example.id", 20)));
  }

  @Test
  @DisplayName("the limit defaults to 20, is capped at 100 and must be a whole number from 1")
  void limits() {
    assertEquals(20, DevOutboxRequests.limit(null));
    assertEquals(5, DevOutboxRequests.limit(5));
    assertEquals(7, DevOutboxRequests.limit("7"));
    assertEquals(100, DevOutboxRequests.limit(1000));
    assertThrows(IllegalArgumentException.class, () -> DevOutboxRequests.limit(0));
    assertThrows(IllegalArgumentException.class, () -> DevOutboxRequests.limit("many"));
  }
}
