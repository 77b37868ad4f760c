package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live stream's resume by Kafka positions and its end when the caller may no longer read, with
 * the audit role's side played by {@link FakeStreamReader}. Waits are counted in asks, not in time.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Audit stream sessions")
class AuditStreamSessionTest {
  private static final String ACCOUNT_ID = UUID.randomUUID().toString();
  private static final String SESSION_ID = "stream-session-1";
  /** Quick polls and heartbeats: the tests wait for what they observe, never for a time. */
  private static final Map<String, String> QUICK = Map.of("AUDIT_STREAM_WRITER_POLL_MS", "20",
      "AUDIT_STREAM_HEARTBEAT_MS", "100");

  private final ECKey publishedKey = TestTokens.newKey("key-1");
  private String securityToken;

  @BeforeEach
  void keys(Vertx vertx) {
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(publishedKey)));
    securityToken = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("security"))
        .claim("sid", SESSION_ID).build());
  }

  private static String id(int n) {
    return String.format("0190f1a2-3b4c-7d5e-8f60-%012d", n);
  }

  private static JsonObject item(int n, String ip) {
    return new JsonObject().put("eventId", id(n)).put("type", "login.failed").put("occurredAt", "2026-03-01T08:00:00Z")
        .put("accountId", ACCOUNT_ID).put("ip", ip).put("userAgent", "a").put("outcome", "failure")
        .put("reason", "bad_credentials").put("details", new JsonObject());
  }

  /** What a client received: the raw text, and whether the server ended the stream. */
  private static final class Received {
    final StringBuilder text = new StringBuilder();
    final Promise<Void> ended = Promise.promise();
    volatile int status;

    /** The event ids of the data lines, in order. */
    List<String> eventIds() {
      return completeBlocks().lines().filter(line -> line.startsWith("data: "))
          .map(line -> new JsonObject(line.substring(6)).getString("eventId")).toList();
    }

    /** Every id line, data or not, in order. */
    List<String> ids() {
      return completeBlocks().lines().filter(line -> line.startsWith("id: ")).map(line -> line.substring(4)).toList();
    }

    // a chunk may end in the middle of a line
    private String completeBlocks() {
      String all = text.toString();
      return all.substring(0, all.lastIndexOf("\n\n") + 1);
    }
  }

  /** Opens the stream; {@code until} is checked on every chunk and completes {@code done} when true. */
  private static Received open(Vertx vertx, TestGateway gateway, String query, String token, String lastEventId,
      Predicate<Received> until, Promise<Received> done) {
    Received received = new Received();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/audit/stream" + query)
        .putHeader("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(gateway.verticle.actualPort()))
        .request(options)
        .compose(request -> request.send())
        .onSuccess(response -> {
          received.status = response.statusCode();
          response.handler(chunk -> {
            received.text.append(chunk.toString());
            if (until.test(received)) {
              done.tryComplete(received);
            }
          });
          response.endHandler(ignored -> {
            received.ended.tryComplete();
            if (until.test(received)) {
              done.tryComplete(received);
            }
          });
          response.exceptionHandler(failure -> received.ended.tryComplete());
        })
        .onFailure(done::tryFail);
    return received;
  }

  @Test
  @DisplayName("a reconnecting client waits for the audit writers, gets the table's rows from its position to the reader's, partition by partition in offset order, then live ones, none twice")
  void resumesFromItsPositions(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader audit = FakeStreamReader.register(vertx, ACCOUNT_ID)
        .readerAt(Map.of(0, 4L, 1, 2L))
        // behind at first: the table may not hold what the client missed yet
        .writersAt(Map.of(0, 2L, 1, 2L), Map.of(0, 3L, 1, 2L), Map.of(0, 4L, 1, 2L))
        .stored(0, 1, item(2, "203.0.113.7")).stored(0, 2, item(3, "203.0.113.7")).stored(0, 3, item(4, "203.0.113.7"))
        .stored(1, 0, item(5, "203.0.113.8")).stored(1, 1, item(6, "203.0.113.9"));
    // while the client catches up: an event the table has, one outside the filter, one past the reader's position
    audit.onFirstWrittenAsk(() -> {
      audit.publish(0, 3, item(4, "203.0.113.7"));
      audit.publish(1, 2, item(7, "198.51.100.1"));
      audit.publish(0, 4, item(8, "203.0.113.7"));
    });
    Promise<Received> done = Promise.promise();
    TestGateway.start(vertx, List.of(), QUICK).onComplete(testContext.succeeding(gateway -> open(vertx, gateway,
        "?ip=203.0.113.0%2F24", securityToken, FakeStreamReader.position(Map.of(0, 1L, 1, 0L)),
        received -> received.eventIds().contains(id(8)), done)));
    done.future().onComplete(testContext.succeeding(received -> testContext.verify(() -> {
      assertEquals(200, received.status);
      assertEquals(List.of(id(2), id(3), id(4), id(5), id(6), id(8)), received.eventIds());
      assertEquals(List.of(
          FakeStreamReader.position(Map.of(0, 2L, 1, 0L)), FakeStreamReader.position(Map.of(0, 3L, 1, 0L)),
          FakeStreamReader.position(Map.of(0, 4L, 1, 0L)), FakeStreamReader.position(Map.of(0, 4L, 1, 1L)),
          FakeStreamReader.position(Map.of(0, 4L, 1, 2L)), FakeStreamReader.position(Map.of(0, 5L, 1, 2L))),
          received.ids(), "each event's id is the client's position after it");
      assertEquals(3, audit.writtenAsksBeforeCatchUp, "the table was read only once the writers had passed the reader");
      assertEquals(List.of(0, 1), audit.catchUpRequests.stream().map(r -> r.getInteger("partition")).toList());
      JsonObject first = audit.catchUpRequests.get(0);
      assertEquals(1L, first.getLong("fromOffset"));
      assertEquals(4L, first.getLong("untilOffset"));
      assertEquals("203.0.113.0/24", first.getString("ip"));
      assertEquals(FakeStreamReader.TOPIC, first.getString("topic"));
      assertEquals(0L, audit.catchUpRequests.get(1).getLong("fromOffset"));
      assertEquals(2L, audit.catchUpRequests.get(1).getLong("untilOffset"));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("a fresh client is told the reader's position at once, so a reconnect before any event misses nothing; events that do not match move it on")
  void freshClientStartsAtTheReader(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader audit = FakeStreamReader.register(vertx, ACCOUNT_ID).readerAt(Map.of(0, 7L, 1, 3L));
    String start = FakeStreamReader.position(Map.of(0, 7L, 1, 3L));
    Promise<Received> done = Promise.promise();
    TestGateway.start(vertx, List.of(), QUICK).onComplete(testContext.succeeding(gateway -> open(vertx, gateway,
        "?ip=203.0.113.7", securityToken, null, received -> {
          if (received.ids().equals(List.of(start))) {
            audit.publish(1, 3, item(1, "198.51.100.1"));
            audit.publish(0, 7, item(2, "203.0.113.7"));
          }
          return received.ids().contains(FakeStreamReader.position(Map.of(0, 8L, 1, 4L)));
        }, done)));
    done.future().onComplete(testContext.succeeding(received -> testContext.verify(() -> {
      assertEquals(List.of(id(2)), received.eventIds(), "only the matching event is sent");
      assertEquals(start, received.ids().get(0));
      assertEquals(0, audit.writtenAsks.get(), "nothing to catch up, nothing to wait for");
      assertTrue(audit.catchUpRequests.isEmpty());
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("when the writers do not store what a client missed within the wait, its stream ends saying so, its id unmoved, and the drop is counted")
  void writersTooFarBehindEndTheStream(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader audit = FakeStreamReader.register(vertx, ACCOUNT_ID).readerAt(Map.of(0, 9L))
        .writersAt(Map.of(0, 5L)).stored(0, 6, item(1, "203.0.113.7"));
    Map<String, String> env = Map.of("AUDIT_STREAM_WRITER_POLL_MS", "20", "AUDIT_STREAM_WRITER_WAIT_MS", "200");
    String resumeFrom = FakeStreamReader.position(Map.of(0, 5L));
    TestGateway.start(vertx, List.of(), env).onComplete(testContext.succeeding(gateway -> {
      Received received = open(vertx, gateway, "", securityToken, resumeFrom, open -> false, Promise.promise());
      received.ended.future().onSuccess(ended -> testContext.verify(() -> {
        assertEquals(200, received.status);
        assertTrue(received.text.toString().contains(": the audit trail is not yet written"), received.text.toString());
        assertEquals(List.of(), received.ids(), "the client keeps the id it came with, so it asks for the same again");
        assertTrue(audit.writtenAsks.get() > 1, "the writers were asked again until the wait ran out");
        assertTrue(audit.catchUpRequests.isEmpty(), "nothing was sent from a table that may have gaps");
        double dropped = gateway.registry.find("audit.stream.dropped").tag("reason", "writer_lag").counters()
            .stream().mapToDouble(counter -> counter.count()).sum();
        assertEquals(1.0, dropped);
        testContext.completeNow();
      }));
    }));
  }

  @Test
  @DisplayName("a Last-Event-ID the stream did not send, an event id of the earlier form included, is refused with 400 naming the header, before anything is asked")
  void refusesForeignIds(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader audit = FakeStreamReader.register(vertx, ACCOUNT_ID);
    List<String> foreign = List.of(id(1), "v1;auth.login-events:0=1", "v2;auth.login-events:0=1,0=2",
        "v2;bad topic:0=1", "v2;auth.login-events:x=1");
    TestGateway.start(vertx, List.of()).compose(gateway -> Future.all(foreign.stream().map(lastEventId ->
            gateway.client.get("/api/v1/audit/stream").putHeader("Authorization", "Bearer " + securityToken)
                .putHeader("Last-Event-ID", lastEventId).send()).toList()))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          for (int i = 0; i < foreign.size(); i++) {
            io.vertx.ext.web.client.HttpResponse<?> response = answers.resultAt(i);
            assertEquals(400, response.statusCode(), foreign.get(i));
            assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"));
            JsonObject problem = response.bodyAsJsonObject();
            assertTrue(problem.getString("type").endsWith("validation-failed"), problem.encode());
            assertEquals("Last-Event-ID", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
          }
          assertEquals(0, audit.positionAsks.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the caller's session is checked again at each heartbeat: once it has ended, the stream ends and the drop is counted")
  void endedSessionEndsTheStream(Vertx vertx, VertxTestContext testContext) {
    FakeStreamReader.register(vertx, ACCOUNT_ID).readerAt(Map.of(0, 0L));
    TestGateway.start(vertx, List.of(), QUICK).onComplete(testContext.succeeding(gateway -> {
      Received received = open(vertx, gateway, "", securityToken, null, open -> {
        if (open.text.toString().contains(": heartbeat")) {
          gateway.sessions.set(SESSION_ID, SessionState.ENDED); // revoked while watching
        }
        return false;
      }, Promise.promise());
      received.ended.future().onSuccess(ended -> testContext.verify(() -> {
        assertTrue(received.text.toString().contains(": heartbeat"), "it was live and checked before");
        assertFalse(received.text.toString().endsWith(": heartbeat\n\n"), "it ended with why, not with a heartbeat");
        double dropped = gateway.registry.find("audit.stream.dropped").tag("reason", "session").counters()
            .stream().mapToDouble(counter -> counter.count()).sum();
        assertEquals(1.0, dropped);
        testContext.completeNow();
      }));
    }));
  }
}
