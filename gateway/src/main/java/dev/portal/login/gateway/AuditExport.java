package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Streams every event matching a search as NDJSON or CSV, however many there are, in bounded
 * memory: pages of {@link AuditQuery#MAX_LIMIT} are fetched one after another by keyset (no
 * server-side cursor held across requests), each written out before the next is asked for, and
 * the next is asked for only once the client has taken the previous one (the write queue drained).
 */
final class AuditExport {
  static final String NDJSON = "application/x-ndjson";
  static final String CSV = "text/csv";
  static final List<String> CSV_COLUMNS = List.of("eventId", "occurredAt", "type", "outcome", "reason",
      "accountId", "identifierKind", "ip", "userAgent", "requestId", "details");

  /** The form of an answer to a search, chosen by the Accept header. */
  enum Format {
    JSON, NDJSON, CSV;

    static Format accepted(String accept) {
      String wanted = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
      if (wanted.contains(AuditExport.NDJSON)) {
        return NDJSON;
      }
      return wanted.contains(AuditExport.CSV) ? CSV : JSON;
    }
  }

  private final AuditRoutes.Bus bus;
  private final Counter rowsExported;

  AuditExport(AuditRoutes.Bus bus, MeterRegistry registry) {
    this.bus = bus;
    this.rowsExported = Counter.builder("audit.export.rows")
        .description("Audit events written to NDJSON and CSV exports").register(registry);
  }

  /** Writes the whole export; fails (after the head is sent, the connection is cut) if a page cannot be read. */
  Future<Void> stream(HttpServerResponse response, JsonObject filters, Format format, String cursor) {
    response.setStatusCode(200)
        .putHeader("Content-Type", format == Format.CSV ? CSV + "; charset=utf-8" : NDJSON)
        .putHeader("Content-Disposition", "attachment; filename=\"audit-events." + (format == Format.CSV
            ? "csv" : "ndjson") + "\"")
        .setChunked(true);
    Future<Void> head = format == Format.CSV ? response.write(String.join(",", CSV_COLUMNS) + "\r\n")
        : Future.succeededFuture();
    return head.compose(written -> nextPage(response, filters, format, cursor));
  }

  private Future<Void> nextPage(HttpServerResponse response, JsonObject filters, Format format, String cursor) {
    if (response.closed()) {
      return Future.failedFuture(new IllegalStateException("the client went away during the export"));
    }
    JsonObject request = filters.copy().put("limit", AuditQuery.MAX_LIMIT).put("cursor", cursor);
    // Only the next cursor may outlive the page: a composed future keeps its continuation until the
    // whole chain ends, so a continuation holding the page would keep every page of the export.
    return bus.ask(Addresses.AUDIT_QUERY, request)
        .compose(page -> writePage(response, page.getJsonArray("items"), format).map(page.getString("nextCursor")))
        .compose(next -> next == null ? response.end() : nextPage(response, filters, format, next));
  }

  private Future<Void> writePage(HttpServerResponse response, JsonArray items, Format format) {
    Buffer page = Buffer.buffer(items.size() * 256);
    for (Object item : items) {
      page.appendString(format == Format.CSV ? csvLine((JsonObject) item) : ((JsonObject) item).encode() + "\n");
    }
    rowsExported.increment(items.size());
    response.write(page);
    return drained(response);
  }

  /** Completes once the client took what was queued (at once if the queue is not full); fails if it left. */
  static Future<Void> drained(HttpServerResponse response) {
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    response.drainHandler(ignored -> drained.tryComplete());
    response.closeHandler(ignored -> drained.tryFail("the client went away"));
    return drained.future();
  }

  static String csvLine(JsonObject item) {
    StringBuilder line = new StringBuilder();
    for (String column : CSV_COLUMNS) {
      if (line.length() > 0) {
        line.append(',');
      }
      Object value = item.getValue(column);
      line.append(csvField(value instanceof JsonObject json ? json.encode() : value == null ? "" : value.toString()));
    }
    return line.append("\r\n").toString();
  }

  /**
   * RFC 4180 quoting; a text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
   * leading apostrophe, since user agents and reasons come from outside.
   */
  static String csvField(String text) {
    String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
