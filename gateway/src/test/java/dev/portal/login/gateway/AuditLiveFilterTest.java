package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditLiveFilterTest {

  private static JsonObject live(String ip, String type, String subjectKey) {
    return new JsonObject().put("subjectKey", subjectKey).put("item", new JsonObject().put("ip", ip).put("type", type)
        .put("outcome", "failure").put("accountId", null).put("occurredAt", "2026-03-01T08:00:00Z"));
  }

  @Test
  @DisplayName("an IPv4 network matches exactly the addresses inside its prefix, at any prefix length")
  void ipv4Networks() {
    AuditLiveFilter slash24 = AuditLiveFilter.of(new JsonObject().put("ip", "203.0.113.0/24"));
    assertTrue(slash24.matches(live("203.0.113.255", "login.failed", "k")));
    assertFalse(slash24.matches(live("203.0.114.1", "login.failed", "k")));
    AuditLiveFilter slash21 = AuditLiveFilter.of(new JsonObject().put("ip", "10.1.8.0/21"));
    assertTrue(slash21.matches(live("10.1.15.9", "login.failed", "k")));
    assertFalse(slash21.matches(live("10.1.16.1", "login.failed", "k")));
    AuditLiveFilter exact = AuditLiveFilter.of(new JsonObject().put("ip", "198.51.100.7"));
    assertTrue(exact.matches(live("198.51.100.7", "login.failed", "k")));
    assertFalse(exact.matches(live("198.51.100.8", "login.failed", "k")));
    assertFalse(exact.matches(live("not-an-ip", "login.failed", "k")));
  }

  @Test
  @DisplayName("an IPv6 network matches its own family only")
  void ipv6Networks() {
    AuditLiveFilter filter = AuditLiveFilter.of(new JsonObject().put("ip", "2001:db8:5::/48"));
    assertTrue(filter.matches(live("2001:db8:5:ffff::1", "login.failed", "k")));
    assertFalse(filter.matches(live("2001:db8:6::1", "login.failed", "k")));
    assertFalse(filter.matches(live("203.0.113.1", "login.failed", "k")));
  }

  @Test
  @DisplayName("type, subject keys and time range must all hold; no filters match everything")
  void everyFilterMustHold() {
    AuditLiveFilter filter = AuditLiveFilter.of(new JsonObject().put("type", "login.failed")
        .put("subjectKeys", new JsonArray().add("a").add("b")).put("from", "2026-03-01T00:00:00Z")
        .put("to", "2026-03-02T00:00:00Z"));
    assertTrue(filter.matches(live("1.2.3.4", "login.failed", "b")));
    assertFalse(filter.matches(live("1.2.3.4", "login.succeeded", "b")));
    assertFalse(filter.matches(live("1.2.3.4", "login.failed", "c")));
    assertFalse(AuditLiveFilter.of(new JsonObject().put("to", "2026-03-01T08:00:00Z"))
        .matches(live("1.2.3.4", "login.failed", "b")), "to is exclusive");
    assertTrue(AuditLiveFilter.of(new JsonObject()).matches(live(null, "x", "y")));
  }

  @Test
  @DisplayName("CSV fields are quoted only when needed, quotes doubled, formula starters defused")
  void csvFields() {
    assertEquals("plain", AuditExport.csvField("plain"));
    assertEquals("\"a,b\"", AuditExport.csvField("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", AuditExport.csvField("say \"hi\""));
    assertEquals("'=1+1", AuditExport.csvField("=1+1"));
    assertEquals("'@SUM(A1)", AuditExport.csvField("@SUM(A1)"));
    assertEquals("", AuditExport.csvField(""));
  }

  @Test
  @DisplayName("summary windows read as seconds, minutes, hours or days")
  void windows() {
    assertEquals(Duration.ofMinutes(15), AuditRoutes.window(null));
    assertEquals(Duration.ofSeconds(30), AuditRoutes.window("30s"));
    assertEquals(Duration.ofDays(1), AuditRoutes.window("1d"));
  }

  @Test
  @DisplayName("an SSE frame carries the client's position as its id, the event type and one line of JSON data")
  void sseFrame() {
    JsonObject item = new JsonObject().put("eventId", "x").put("type", "login.failed");
    assertEquals("id: v2;auth.login-events:0=12\nevent: login.failed\ndata: " + item.encode() + "\n\n",
        AuditStreamSession.frame("v2;auth.login-events:0=12", item));
  }
}
