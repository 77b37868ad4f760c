package dev.portal.login.audit;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes the hash chains of the rows that occurred in a time range and names the first broken
 * link. Each chain (a Kafka partition) is checked in offset order over every row between the first
 * and last offset the range touches. One request checks a bounded number of rows and hands back a
 * {@code resume} object; the caller asks again with it until the answer carries none.
 */
final class AuditVerification {
  private static final int PAGE_ROWS = 1000;

  private final Pool pool;
  private final int rowsPerRequest;

  AuditVerification(Pool pool, int rowsPerRequest) {
    this.pool = pool;
    this.rowsPerRequest = rowsPerRequest;
  }

  /** One chain's part to check: offsets in (after, high]. */
  record Span(String topic, int partition, long after, long high) {
    JsonObject toJson() {
      return new JsonObject().put("topic", topic).put("partition", partition).put("after", after).put("high", high);
    }

    static Span fromJson(JsonObject json) {
      return new Span(json.getString("topic"), json.getInteger("partition"), json.getLong("after"),
          json.getLong("high"));
    }
  }

  /** Where a check stands: spans left (the first one in progress), the last hash seen, the counts so far. */
  static final class Progress {
    final List<Span> spans;
    byte[] lastHash;
    long checked;
    long unchained;
    JsonObject broken;

    Progress(List<Span> spans, byte[] lastHash, long checked, long unchained) {
      this.spans = new ArrayList<>(spans);
      this.lastHash = lastHash;
      this.checked = checked;
      this.unchained = unchained;
    }

    JsonObject toResume() {
      return new JsonObject()
          .put("spans", new JsonArray(spans.stream().map(Span::toJson).toList()))
          .put("lastHash", lastHash == null ? null : AuditChain.hex(lastHash))
          .put("checked", checked)
          .put("unchained", unchained);
    }

    static Progress fromResume(JsonObject resume) {
      List<Span> spans = resume.getJsonArray("spans").stream().map(JsonObject.class::cast).map(Span::fromJson)
          .toList();
      String lastHash = resume.getString("lastHash");
      return new Progress(spans, lastHash == null ? null : AuditChain.fromHex(lastHash),
          resume.getLong("checked"), resume.getLong("unchained"));
    }
  }

  /**
   * {from, to, resume?} -> {ok, checked, unchained, firstBrokenLink: {eventId, topic, partition,
   * offset} | null, resume: {...} | null}.
   */
  Future<JsonObject> verify(JsonObject request) {
    Future<Progress> start = request.getJsonObject("resume") != null
        ? Future.succeededFuture(readResume(request.getJsonObject("resume")))
        : spans(instant(request, "from"), instant(request, "to"))
            .map(spans -> new Progress(spans, null, 0, 0));
    return start.compose(progress -> checkPages(progress, rowsPerRequest)).map(AuditVerification::answer);
  }

  private static JsonObject answer(Progress progress) {
    boolean done = progress.broken != null || progress.spans.isEmpty();
    return new JsonObject()
        .put("ok", progress.broken == null)
        .put("checked", progress.checked)
        .put("unchained", progress.unchained)
        .put("firstBrokenLink", progress.broken)
        .put("resume", done ? null : progress.toResume());
  }

  private Future<List<Span>> spans(Instant from, Instant to) {
    return pool.preparedQuery(AuditSql.CHAIN_SPANS)
        .execute(Tuple.of(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC)))
        .map(rows -> {
          List<Span> spans = new ArrayList<>();
          rows.forEach(row -> spans.add(new Span(row.getString("kafka_topic"), row.getInteger("kafka_partition"),
              row.getLong("low") - 1, row.getLong("high"))));
          return spans;
        });
  }

  private Future<Progress> checkPages(Progress progress, int budget) {
    if (progress.broken != null || progress.spans.isEmpty() || budget <= 0) {
      return Future.succeededFuture(progress);
    }
    Span span = progress.spans.get(0);
    int pageRows = Math.min(PAGE_ROWS, budget);
    return pool.preparedQuery(AuditSql.CHAIN_ROWS)
        .execute(Tuple.of(span.topic(), span.partition(), span.after(), span.high(), pageRows))
        .compose(rows -> {
          int seen = check(progress, rows);
          if (seen < pageRows) {
            progress.spans.remove(0);
            progress.lastHash = null;
          }
          return checkPages(progress, budget - seen);
        });
  }

  /** Checks one page of a chain in offset order; returns how many rows it held. */
  static int check(Progress progress, RowSet<Row> rows) {
    int seen = 0;
    for (Row row : rows) {
      seen++;
      Span span = progress.spans.get(0);
      long offset = row.getLong("kafka_offset");
      progress.spans.set(0, new Span(span.topic(), span.partition(), offset, span.high()));
      if (progress.broken != null) {
        continue;
      }
      byte[] stored = bytes(row.getBuffer("hash"));
      if (stored == null) {
        // written before the chain existed: nothing to check, and the next row starts afresh
        progress.unchained++;
        progress.lastHash = null;
        continue;
      }
      byte[] prev = bytes(row.getBuffer("prev_hash"));
      boolean linked = prev != null && (progress.lastHash == null || Arrays.equals(prev, progress.lastHash));
      boolean intact = linked && Arrays.equals(stored,
          AuditChain.link(prev, AuditRows.eventOf(row), span.topic(), span.partition(), offset));
      if (!intact) {
        progress.broken = new JsonObject()
            .put("eventId", row.getUUID("event_id").toString())
            .put("topic", span.topic())
            .put("partition", span.partition())
            .put("offset", offset);
        continue;
      }
      progress.checked++;
      progress.lastHash = stored;
    }
    return seen;
  }

  private static byte[] bytes(Buffer buffer) {
    return buffer == null ? null : buffer.getBytes();
  }

  private static Progress readResume(JsonObject resume) {
    try {
      return Progress.fromResume(resume);
    } catch (RuntimeException e) {
      throw invalid("resume", "is not a resume object handed out by a previous answer");
    }
  }

  private static Instant instant(JsonObject request, String field) {
    try {
      return Instant.parse(request.getString(field));
    } catch (DateTimeException | NullPointerException | ClassCastException e) {
      throw invalid(field, "must be an ISO-8601 instant");
    }
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
  }
}
