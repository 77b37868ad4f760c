package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.gateway.AuditStreamPosition.Partition;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the live audit stream (Server-Sent Events). Live events arrive on the local event bus
 * from the process's one Kafka reader, each with its topic, partition and offset. The SSE id is the
 * client's {@link AuditStreamPosition}, an offset per partition, moved on with every event sent.
 *
 * <p>A reconnecting client (Last-Event-ID) gets exactly what it missed: it subscribes first and holds
 * live events in a bounded buffer, asks the reader where it is, waits until the audit writers have
 * stored every record below that (their committed offsets), sends the table's matching rows from its
 * own position up to the reader's, partition by partition in offset order, then releases the buffer
 * minus what the table covered. If the writers do not get there within the configured wait, the stream
 * ends with a comment saying so and the client reconnects from the same position: what it missed comes
 * later, never skipped. A client that cannot keep up (write queue full) or overflows the buffer is
 * dropped, never buffered without bound. At each heartbeat the caller's token and session are checked
 * again, and a caller no longer allowed (session ended, revoked or expired, token expired) loses the
 * stream; its reconnect gets 401.
 */
final class AuditStreamSession {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamSession.class);

  /** Why a client was dropped; label values of audit.stream.dropped. */
  enum DropReason { SLOW, BUFFER, WRITER_LAG, SESSION }

  /** What the session tells the routes about its life: counts, for metrics. */
  interface Listener {
    void opened();

    void closed();

    void dropped(DropReason reason);
  }

  /** Whether the caller may still read: fails when its token expired or its session is no longer live. */
  @FunctionalInterface
  interface CallerCheck {
    Future<?> stillAllowed();
  }

  /** The audit writers did not store what the client missed within the wait. */
  private static final class WritersBehind extends Exception {
    WritersBehind() {
      super("the audit writers did not reach the stream reader's position in time", null, false, false);
    }
  }

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final AuditLiveFilter filter;
  private final JsonObject filters;
  private final AuditRoutes.Bus bus;
  private final AuditStreamSettings settings;
  private final CallerCheck caller;
  private final Listener listener;

  private MessageConsumer<JsonObject> live;
  private boolean counted;
  private long heartbeatTimer = -1;
  private long pauseTimer = -1;
  /** Live events that arrived before the client's position was settled; null once it is. */
  private ArrayDeque<JsonObject> heldBack = new ArrayDeque<>();
  /** Null until the reader's position is known. */
  private AuditStreamPosition position;
  /** The id the client holds: the last one written to it. */
  private String announced;
  private boolean checkingCaller;
  private boolean closed;
  private Promise<Void> waitingForDrain;
  private Promise<Void> pausing;

  AuditStreamSession(Vertx vertx, HttpServerResponse response, JsonObject filters, AuditRoutes.Bus bus,
      AuditStreamSettings settings, CallerCheck caller, Listener listener) {
    this.vertx = vertx;
    this.response = response;
    this.filters = filters;
    this.filter = AuditLiveFilter.of(filters);
    this.bus = bus;
    this.settings = settings;
    this.caller = caller;
    this.listener = listener;
  }

  /**
   * Starts streaming; with {@code resumeFrom}, first sends what the client missed since it. When
   * the server shuts down, the stream ends at once (the client reconnects elsewhere with its last
   * id) rather than holding the shutdown for its whole grace period.
   */
  Future<Void> start(AuditStreamPosition resumeFrom, HttpConnection connection) {
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
    live = vertx.eventBus().localConsumer(Addresses.AUDIT_LIVE, message -> onLive(message.body()));
    // counted before the reader is asked where it is: every record after that answer is published for us
    watchers().merge(Addresses.AUDIT_LIVE_CLIENTS, 1, Integer::sum);
    counted = true;
    heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> heartbeat());
    return live.completion()
        .compose(subscribed -> response.write(": connected\n\n"))
        .compose(written -> bus.ask(Addresses.AUDIT_LIVE_POSITIONS, new JsonObject()))
        .map(AuditStreamSession::positions)
        .compose(reader -> resumeFrom == null ? startHere(reader) : catchUp(resumeFrom, reader))
        .onSuccess(settled -> {
          releaseHeldBack();
          // a client that goes away before its first event resumes from here, not from wherever it reconnects
          announcePosition();
        })
        .onFailure(this::catchUpFailed);
  }

  private Future<Void> startHere(Map<Partition, Long> reader) {
    position = AuditStreamPosition.of(reader);
    return Future.succeededFuture();
  }

  private Future<Void> catchUp(AuditStreamPosition resumeFrom, Map<Partition, Long> reader) {
    // partitions the reader does not know (yet) keep the client's offsets, for a later resume elsewhere
    position = resumeFrom.copy();
    Map<Partition, Long> behind = new TreeMap<>();
    reader.forEach((partition, readerNext) -> {
      if (position.next(partition) < readerNext) {
        behind.put(partition, readerNext);
      }
    });
    if (behind.isEmpty()) {
      return Future.succeededFuture();
    }
    long deadline = System.nanoTime() + settings.writerWait().toNanos();
    return writersReached(behind, deadline).compose(reached -> sendMissed(behind.entrySet().iterator()));
  }

  /**
   * Waits until the audit writers have handled every record below the reader's position in each
   * partition the client is behind in: until then the table may lack an event the client missed,
   * which the live feed will not bring again (the reader published it before the client subscribed).
   */
  private Future<Void> writersReached(Map<Partition, Long> behind, long deadline) {
    return bus.ask(Addresses.AUDIT_WRITTEN_POSITIONS, new JsonObject())
        .map(answer -> {
          Map<Partition, Long> written = positions(answer);
          return behind.entrySet().stream()
              .allMatch(entry -> written.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
        })
        // an unanswered ask is "not yet": the wait is bounded either way
        .otherwise(false)
        .compose(passed -> {
          if (closed) {
            return Future.failedFuture("the client went away");
          }
          if (passed) {
            return Future.succeededFuture();
          }
          if (System.nanoTime() - deadline >= 0) {
            return Future.failedFuture(new WritersBehind());
          }
          return pause(settings.writerPoll()).compose(waited -> writersReached(behind, deadline));
        });
  }

  private Future<Void> sendMissed(Iterator<Map.Entry<Partition, Long>> partitions) {
    if (!partitions.hasNext()) {
      return Future.succeededFuture();
    }
    Map.Entry<Partition, Long> behind = partitions.next();
    return sendFromTable(behind.getKey(), position.next(behind.getKey()), behind.getValue())
        .compose(sent -> {
          // the rows in between that did not match the filters are behind the client now too
          position.advance(behind.getKey(), behind.getValue());
          return sendMissed(partitions);
        });
  }

  // A page from the table is written whole, then the next waits until the client took it: the
  // backlog is bounded by the page, not dropped for being larger than the write queue. Only the
  // offset to go on from outlives a page (see AuditExport: continuations live as long as the chain).
  private Future<Void> sendFromTable(Partition partition, long from, long until) {
    JsonObject request = filters.copy().put("topic", partition.topic()).put("partition", partition.number())
        .put("fromOffset", from).put("untilOffset", until).put("limit", AuditQuery.MAX_LIMIT);
    return bus.ask(Addresses.AUDIT_STREAM_CATCHUP, request).compose(page -> {
      page.getJsonArray("events").forEach(event -> {
        JsonObject row = (JsonObject) event;
        position.advance(partition, row.getLong("offset") + 1);
        write(row.getJsonObject("item"));
      });
      return drained().map(page.getLong("next"));
    }).compose(next -> next == null || next <= from ? Future.succeededFuture() : sendFromTable(partition, next, until));
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

  private Future<Void> pause(Duration duration) {
    Promise<Void> paused = Promise.promise();
    pausing = paused;
    pauseTimer = vertx.setTimer(duration.toMillis(), id -> paused.tryComplete());
    return paused.future();
  }

  private void catchUpFailed(Throwable failure) {
    if (closed) {
      return;
    }
    if (failure instanceof WritersBehind) {
      LOG.info("Live audit stream: the audit writers are more than {} behind a reconnecting client; ending its "
          + "stream so it tries again", settings.writerWait());
      end(DropReason.WRITER_LAG, "the audit trail is not yet written up to this stream's position; reconnect");
      return;
    }
    LOG.warn("Live audit stream could not start or catch up: {}", failure.toString());
    response.reset();
    close();
  }

  private void releaseHeldBack() {
    ArrayDeque<JsonObject> held = heldBack;
    heldBack = null;
    if (held != null) {
      held.forEach(this::deliver);
    }
  }

  private void onLive(JsonObject message) {
    if (closed) {
      return;
    }
    if (heldBack == null) {
      deliver(message);
    } else if (!filter.matches(message)) {
      return;
    } else if (heldBack.size() < settings.resumeBuffer()) {
      heldBack.add(message);
    } else {
      drop(DropReason.BUFFER);
    }
  }

  /** A live event, once the position is settled: sent unless the client has it, and the position moved past it. */
  private void deliver(JsonObject message) {
    Partition partition = new Partition(message.getString("topic"), message.getInteger("partition"));
    long offset = message.getLong("offset");
    if (offset < position.next(partition)) {
      return; // sent from the table, or before the client's position
    }
    position.advance(partition, offset + 1);
    if (filter.matches(message)) {
      send(message.getJsonObject("item"));
    }
    // an event that does not match moves the position too; the next id, or heartbeat, tells the client
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
    announced = position.encode();
    writeRaw(frame(announced, item));
  }

  /** One SSE event; the id is the client's position after it, the data one line of JSON. */
  static String frame(String id, JsonObject item) {
    return "id: " + id + "\nevent: " + item.getString("type") + "\ndata: " + item.encode() + "\n\n";
  }

  // An SSE block with an id and no data moves the client's Last-Event-ID without an event: after
  // events it did not want, a resume starts past them instead of reading them all again.
  private void announcePosition() {
    if (position == null) {
      return;
    }
    String id = position.encode();
    if (!id.equals(announced)) {
      announced = id;
      writeRaw("id: " + id + "\n\n");
    }
  }

  // The check runs one at a time: a slow session store must not pile up checks for one client.
  private void heartbeat() {
    if (closed || checkingCaller) {
      return;
    }
    checkingCaller = true;
    caller.stillAllowed().onComplete(checked -> {
      checkingCaller = false;
      if (closed) {
        return;
      }
      if (checked.failed()) {
        LOG.info("Live audit stream: the caller may no longer read ({})", checked.cause().getMessage());
        end(DropReason.SESSION, "the session of this stream has ended or cannot be checked; reconnect");
        return;
      }
      if (heldBack == null) {
        announcePosition();
      }
      writeRaw(": heartbeat\n\n");
    });
  }

  private void writeRaw(String text) {
    if (!closed) {
      response.write(text);
    }
  }

  /** Ends the stream cleanly with a comment saying why: the client reconnects with the id it holds. */
  private void end(DropReason reason, String why) {
    if (closed) {
      return;
    }
    listener.dropped(reason);
    writeRaw(": " + why + "\n\n");
    close();
    response.end();
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

  private LocalMap<String, Integer> watchers() {
    return vertx.sharedData().getLocalMap(Addresses.AUDIT_LIVE_WATCHERS);
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeatTimer);
    vertx.cancelTimer(pauseTimer);
    if (live != null) {
      live.unregister();
    }
    if (counted) {
      watchers().merge(Addresses.AUDIT_LIVE_CLIENTS, -1, Integer::sum);
      counted = false;
    }
    heldBack = null;
    if (waitingForDrain != null) {
      waitingForDrain.tryFail("the client went away");
    }
    if (pausing != null) {
      pausing.tryFail("the client went away");
    }
    listener.closed();
  }

  /** {positions: [{topic, partition, next}]} as the stream reader answers it. */
  private static Map<Partition, Long> positions(JsonObject answer) {
    Map<Partition, Long> positions = new TreeMap<>();
    answer.getJsonArray("positions").forEach(entry -> {
      JsonObject position = (JsonObject) entry;
      positions.put(new Partition(position.getString("topic"), position.getInteger("partition")),
          position.getLong("next"));
    });
    return positions;
  }
}
