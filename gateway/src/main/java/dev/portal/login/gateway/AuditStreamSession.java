package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the live audit stream (Server-Sent Events). Live events arrive on the local
 * event bus from the process's one Kafka reader. A reconnecting client (Last-Event-ID) is caught
 * up without gap or duplicate: it subscribes first and holds live events in a bounded buffer, reads
 * the audit table for everything after its last id, then releases the buffer minus what the table
 * already gave. A client that cannot keep up (write queue full) or overflows the buffer is dropped,
 * never buffered without bound. The SSE id is the highest event id sent so far, so a resume never
 * repeats an event that arrived out of id order.
 */
final class AuditStreamSession {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamSession.class);

  /** Why a client was dropped; label values of audit.stream.dropped. */
  enum DropReason { SLOW, BUFFER }

  /** What the session tells the routes about its life: counts, for metrics. */
  interface Listener {
    void opened();

    void closed();

    void dropped(DropReason reason);
  }

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final AuditLiveFilter filter;
  private final JsonObject filters;
  private final AuditRoutes.Bus bus;
  private final AuditStreamSettings settings;
  private final Listener listener;

  private MessageConsumer<JsonObject> live;
  private long heartbeatTimer = -1;
  private ArrayDeque<JsonObject> heldBack;
  /**
   * The newest ids sent from the table (at most the resume buffer's size): an event can reach the
   * table before the live feed, so it may arrive live after it was sent; the newest are those that can.
   */
  private final LinkedHashSet<UUID> sentFromTable = new LinkedHashSet<>();
  private UUID highestSent;
  private boolean closed;
  private Promise<Void> waitingForDrain;

  AuditStreamSession(Vertx vertx, HttpServerResponse response, JsonObject filters, AuditRoutes.Bus bus,
      AuditStreamSettings settings, Listener listener) {
    this.vertx = vertx;
    this.response = response;
    this.filters = filters;
    this.filter = AuditLiveFilter.of(filters);
    this.bus = bus;
    this.settings = settings;
    this.listener = listener;
  }

  /**
   * Starts streaming; with {@code lastEventId}, first sends what the client missed since it. When
   * the server shuts down, the stream ends at once (the client reconnects elsewhere with its last
   * id) rather than holding the shutdown for its whole grace period.
   */
  Future<Void> start(UUID lastEventId, HttpConnection connection) {
    connection.shutdownHandler(ignored -> {
      if (!closed) {
        close();
        response.end();
      }
    });
    response.setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true)
        .setWriteQueueMaxSize(settings.writeQueueBytes());
    response.closeHandler(ignored -> close());
    listener.opened();
    highestSent = lastEventId;
    heldBack = lastEventId == null ? null : new ArrayDeque<>();
    live = vertx.eventBus().localConsumer(Addresses.AUDIT_LIVE, message -> onLive(message.body()));
    heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> writeRaw(": heartbeat\n\n"));
    return live.completion()
        .compose(subscribed -> response.write(": connected\n\n"))
        .compose(written -> lastEventId == null ? Future.succeededFuture() : catchUp(lastEventId))
        .onFailure(failure -> {
          LOG.warn("Live audit stream could not catch up from Last-Event-ID: {}", failure.toString());
          response.reset();
          close();
        });
  }

  private Future<Void> catchUp(UUID after) {
    if (closed) {
      return Future.succeededFuture();
    }
    JsonObject request = filters.copy().put("limit", AuditQuery.MAX_LIMIT).put("after", after.toString());
    // only the id to go on from outlives a page (see AuditExport: continuations live as long as the chain)
    return bus.ask(Addresses.AUDIT_QUERY, request).compose(page -> {
      page.getJsonArray("items").forEach(item -> sendFromTable((JsonObject) item));
      return drained().map(page.getString("nextAfter"));
    }).compose(nextAfter -> {
      if (nextAfter != null) {
        return catchUp(UUID.fromString(nextAfter));
      }
      releaseHeldBack();
      return Future.succeededFuture();
    });
  }

  // A page from the table is written whole, then the next waits until the client took it: the
  // backlog is bounded by the page, not dropped for being larger than the write queue.
  private void sendFromTable(JsonObject item) {
    sentFromTable.add(UUID.fromString(item.getString("eventId")));
    if (sentFromTable.size() > settings.resumeBuffer()) {
      sentFromTable.remove(sentFromTable.iterator().next());
    }
    write(item);
  }

  private Future<Void> drained() {
    if (closed) {
      return Future.failedFuture("the client went away");
    }
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    waitingForDrain = Promise.promise();
    response.drainHandler(ignored -> waitingForDrain.tryComplete());
    return waitingForDrain.future();
  }

  private void releaseHeldBack() {
    ArrayDeque<JsonObject> held = heldBack;
    heldBack = null;
    if (held != null) {
      held.forEach(this::sendLive);
    }
  }

  private void onLive(JsonObject message) {
    if (closed || !filter.matches(message)) {
      return;
    }
    JsonObject item = message.getJsonObject("item");
    if (heldBack == null) {
      sendLive(item);
    } else if (heldBack.size() < settings.resumeBuffer()) {
      heldBack.add(item);
    } else {
      drop(DropReason.BUFFER);
    }
  }

  private void sendLive(JsonObject item) {
    if (!sentFromTable.contains(UUID.fromString(item.getString("eventId")))) {
      send(item);
    }
  }

  private void send(JsonObject item) {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      drop(DropReason.SLOW);
      return;
    }
    write(item);
  }

  private void write(JsonObject item) {
    UUID id = UUID.fromString(item.getString("eventId"));
    if (highestSent == null || id.compareTo(highestSent) > 0) {
      highestSent = id;
    }
    writeRaw(frame(highestSent, item));
  }

  /** One SSE event; the id is the highest sent so far, the data one line of JSON. */
  static String frame(UUID id, JsonObject item) {
    return "id: " + id + "\nevent: " + item.getString("type") + "\ndata: " + item.encode() + "\n\n";
  }

  private void writeRaw(String text) {
    if (!closed) {
      response.write(text);
    }
  }

  private void drop(DropReason reason) {
    if (closed) {
      return;
    }
    listener.dropped(reason);
    LOG.info("Live audit stream dropped a client ({})", reason);
    response.reset();
    close();
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeatTimer);
    if (live != null) {
      live.unregister();
    }
    heldBack = null;
    sentFromTable.clear();
    if (waitingForDrain != null) {
      waitingForDrain.tryFail("the client went away");
    }
    listener.closed();
  }
}
