package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Audit routes")
class AuditRoutesTest {
  private static final String ACCOUNT_ID = UUID.randomUUID().toString();

  private final ECKey publishedKey = TestTokens.newKey("key-1");
  private final List<JsonObject> auditRequests = new CopyOnWriteArrayList<>();
  private TestGateway gateway;
  private String securityToken;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(publishedKey)));
    securityToken = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("security")).build());
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  /** Event ids in time order: n = 1, 2, 3 ... */
  private static String id(int n) {
    return String.format("0190f1a2-3b4c-7d5e-8f60-%012d", n);
  }

  private static JsonObject item(int n, String ip, String userAgent) {
    return new JsonObject().put("eventId", id(n)).put("type", "login.failed").put("occurredAt", "2026-03-01T08:00:00Z")
        .put("accountId", ACCOUNT_ID).put("ip", ip).put("userAgent", userAgent).put("outcome", "failure")
        .put("reason", "bad_credentials").put("details", new JsonObject());
  }

  /** An audit role answering pages of {@code pageSize} from {@code items} by cursor ("p" + index). */
  private void auditServes(Vertx vertx, List<JsonObject> items, int pageSize) {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_QUERY, message -> {
      auditRequests.add(message.body());
      String cursor = message.body().getString("cursor");
      int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
      int to = Math.min(items.size(), from + pageSize);
      message.reply(new JsonObject().put("items", new JsonArray(new ArrayList<>(items.subList(from, to))))
          .put("nextCursor", to < items.size() ? "p" + to : null));
    });
  }

  @Test
  @DisplayName("Accept: application/x-ndjson streams every page in turn, one JSON object per line, following the cursors")
  void ndjsonExportFollowsEveryPage(Vertx vertx, VertxTestContext testContext) {
    List<JsonObject> items = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      items.add(item(25 - i, "203.0.113.7", "curl/8"));
    }
    auditServes(vertx, items, 10);
    gateway.client.get("/api/v1/audit/events?type=login.failed&limit=5")
        .putHeader("Authorization", "Bearer " + securityToken).putHeader("Accept", "application/x-ndjson").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("application/x-ndjson", response.getHeader("Content-Type"));
          List<String> lines = response.bodyAsString().lines().toList();
          assertEquals(25, lines.size(), "every item, whatever limit says");
          assertEquals(items.get(24), new JsonObject(lines.get(24)));
          assertEquals(3, auditRequests.size());
          assertEquals(List.of(1000, 1000, 1000), auditRequests.stream().map(r -> r.getInteger("limit")).toList());
          assertNull(auditRequests.get(0).getString("cursor"));
          assertEquals("p20", auditRequests.get(2).getString("cursor"));
          assertTrue(auditRequests.stream().allMatch(r -> "login.failed".equals(r.getString("type"))));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("Accept: text/csv sends a header line and quotes fields; a formula-like value is defused")
  void csvExport(Vertx vertx, VertxTestContext testContext) {
    auditServes(vertx, List.of(item(1, "203.0.113.7", "Mozilla/5.0 (X11, \"q\")"), item(2, "203.0.113.8", "=cmd()")),
        10);
    gateway.client.get("/api/v1/audit/events").putHeader("Authorization", "Bearer " + securityToken)
        .putHeader("Accept", "text/csv").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertTrue(response.getHeader("Content-Type").startsWith("text/csv"));
          List<String> lines = response.bodyAsString().lines().toList();
          assertEquals(String.join(",", AuditExport.CSV_COLUMNS), lines.get(0));
          assertTrue(lines.get(1).contains(",\"Mozilla/5.0 (X11, \"\"q\"\")\","), lines.get(1));
          assertTrue(lines.get(2).contains(",'=cmd(),"), lines.get(2));
          assertEquals(3, lines.size());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an identifier is resolved by the login role and searched as its subject keys, never sent on as text")
  void identifierIsResolved(Vertx vertx, VertxTestContext testContext) {
    List<JsonObject> resolveRequests = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_RESOLVE, message -> {
      resolveRequests.add(message.body());
      message.reply(new JsonObject().put("accountId", ACCOUNT_ID)
          .put("subjectKeys", new JsonArray().add(ACCOUNT_ID).add("u:abc")));
    });
    auditServes(vertx, List.of(), 10);
    gateway.client.get("/api/v1/audit/events?identifier=siti%40example.id&ip=203.0.113.0%2F24")
        .putHeader("Authorization", "Bearer " + securityToken).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("siti@example.id", resolveRequests.get(0).getString("identifier"));
          JsonObject query = auditRequests.get(0);
          assertEquals(new JsonArray().add(ACCOUNT_ID).add("u:abc"), query.getJsonArray("subjectKeys"));
          assertEquals("203.0.113.0/24", query.getString("ip"));
          assertFalse(query.containsKey("identifier"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a bad address, time or outcome answers 400 naming each, before anything is asked")
  void badFilters(Vertx vertx, VertxTestContext testContext) {
    auditServes(vertx, List.of(), 10);
    gateway.client.get("/api/v1/audit/events?ip=203.0.113.0%2F33&from=yesterday&outcome=FAIL")
        .putHeader("Authorization", "Bearer " + securityToken).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(400, response.statusCode());
          List<String> fields = response.bodyAsJsonObject().getJsonArray("errors").stream()
              .map(error -> ((JsonObject) error).getString("field")).toList();
          assertEquals(List.of("ip", "outcome", "from"), fields);
          assertEquals(0, auditRequests.size());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a client that stops reading is dropped once its write queue is full, counted, and no longer a client")
  void slowClientIsDropped(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader audit = FakeStreamReader.register(vertx, ACCOUNT_ID).readerAt(java.util.Map.of(0, 0L));
    TestGateway.start(vertx, List.of(), java.util.Map.of("AUDIT_STREAM_WRITE_QUEUE_BYTES", "4096"))
        .compose(small -> vertx.createNetClient().connect(small.verticle.actualPort(), "127.0.0.1").map(socket -> {
          socket.pause(); // reads nothing: everything the server writes piles up
          socket.write("GET /api/v1/audit/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + securityToken
              + "\r\n\r\n");
          return small;
        }))
        .onComplete(testContext.succeeding(small -> {
          String padding = "x".repeat(2000);
          long[] offset = {0};
          vertx.setPeriodic(5, id -> {
            for (int i = 0; i < 200; i++) {
              audit.publish(0, offset[0]++, item(i + 1, "203.0.113.7", padding));
            }
            double dropped = small.registry.find("audit.stream.dropped").tag("reason", "slow").counters().stream()
                .mapToDouble(c -> c.count()).sum();
            double clients = small.registry.get("audit.stream.clients").gauge().value();
            if (dropped >= 1 && clients == 0) {
              vertx.cancelTimer(id);
              testContext.completeNow();
            }
          });
        }));
  }

  @Test
  @DisplayName("the stream is refused to a caller without the security or admin role")
  void streamNeedsRole(VertxTestContext testContext) {
    String userToken = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user")).build());
    gateway.client.get("/api/v1/audit/stream").putHeader("Authorization", "Bearer " + userToken).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(403, response.statusCode());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("verification asks again with the resume object until the audit role is done, and counts the result")
  void verifyFollowsResume(Vertx vertx, VertxTestContext testContext) {
    List<JsonObject> verifyRequests = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_VERIFY, message -> {
      verifyRequests.add(message.body());
      boolean first = verifyRequests.size() == 1;
      message.reply(new JsonObject().put("ok", first).put("checked", first ? 10 : 15).put("unchained", 0)
          .put("firstBrokenLink", first ? null : new JsonObject().put("eventId", id(7)))
          .put("resume", first ? new JsonObject().put("spans", new JsonArray()) : null));
    });
    gateway.client.get("/api/v1/audit/verify?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")
        .putHeader("Authorization", "Bearer " + securityToken).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          JsonObject body = response.bodyAsJsonObject();
          assertEquals(false, body.getBoolean("ok"));
          assertEquals(id(7), body.getJsonObject("firstBrokenLink").getString("eventId"));
          assertFalse(body.containsKey("resume"));
          assertEquals("2026-01-01T00:00:00Z", body.getString("from"));
          assertEquals(2, verifyRequests.size());
          assertNull(verifyRequests.get(0).getJsonObject("resume"));
          assertEquals(new JsonObject().put("spans", new JsonArray()), verifyRequests.get(1).getJsonObject("resume"));
          assertEquals(1.0, gateway.registry.get("audit.verify.runs").tag("result", "broken").counter().count());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the summary window defaults to 15 minutes, reads 2h, and refuses anything else")
  void summaryWindow(Vertx vertx, VertxTestContext testContext) {
    List<JsonObject> summaryRequests = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_SUMMARY, message -> {
      summaryRequests.add(message.body());
      message.reply(new JsonObject().put("failures", 3));
    });
    gateway.client.get("/api/v1/audit/summary").putHeader("Authorization", "Bearer " + securityToken).send()
        .compose(first -> gateway.client.get("/api/v1/audit/summary?window=2h")
            .putHeader("Authorization", "Bearer " + securityToken).send().map(second -> List.of(first, second)))
        .compose(answers -> gateway.client.get("/api/v1/audit/summary?window=0m")
            .putHeader("Authorization", "Bearer " + securityToken).send().map(bad -> {
              List<Integer> statuses = new ArrayList<>(answers.stream().map(a -> a.statusCode()).toList());
              statuses.add(bad.statusCode());
              return statuses;
            }))
        .onComplete(testContext.succeeding(statuses -> testContext.verify(() -> {
          assertEquals(List.of(200, 200, 400), statuses);
          assertEquals(List.of(900L, 7200L), summaryRequests.stream().map(r -> r.getLong("windowSeconds")).toList());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("my activity asks for the token's own account and session, whatever the query says")
  void activityIsTheCallersOwn(Vertx vertx, VertxTestContext testContext) {
    List<JsonObject> activityRequests = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_ACTIVITY, message -> {
      activityRequests.add(message.body());
      message.reply(new JsonObject().put("items", new JsonArray()));
    });
    String userToken = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .claim("sid", "session-7").build());
    gateway.client.get("/api/v1/me/activity?accountId=" + UUID.randomUUID())
        .putHeader("Authorization", "Bearer " + userToken).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals(ACCOUNT_ID, activityRequests.get(0).getString("accountId"));
          assertEquals("session-7", activityRequests.get(0).getString("sessionId"));
          testContext.completeNow();
        })));
  }
}
