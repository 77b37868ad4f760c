package dev.portal.login.app.testing;

import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What audit end-to-end tests need beyond {@link ApiClient}: requests with chosen headers, answers
 * read line by line without holding them (exports, the live stream), and events put straight into
 * Kafka as the login role would. Limits only detect a hang; nothing asserts on time.
 */
public final class AuditClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public AuditClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** POST JSON with extra headers (e.g. a User-Agent). */
  public ApiClient.Answer postJson(String path, JsonObject body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(ApiClient.HANG_LIMIT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiClient.Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * GET with a bearer token and extra headers (e.g. a Last-Event-ID), the whole answer read; an answer
   * that does not end within the hang limit (a stream left open) fails the test.
   */
  public ApiClient.Answer get(String path, String bearerToken, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(ApiClient.HANG_LIMIT)
        .header("Authorization", "Bearer " + bearerToken).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
          .get(ApiClient.HANG_LIMIT.toSeconds(), TimeUnit.SECONDS);
      return new ApiClient.Answer(response.statusCode(), response.headers(), response.body());
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no whole answer to " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** GET whose body is handed line by line to {@code eachLine}, never held whole; returns the status. */
  public int getLines(String path, String bearerToken, String accept, Consumer<String> eachLine) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", "Bearer " + bearerToken).header("Accept", accept).GET().build();
    try {
      HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
      try (Stream<String> lines = response.body()) {
        lines.forEach(eachLine);
      }
      return response.statusCode();
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** One Server-Sent Event as received. */
  public record SseEvent(String id, String event, JsonObject data) {
  }

  /** An open live stream: events are collected as they arrive; close it to disconnect. */
  public static final class EventStream implements AutoCloseable {
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private volatile Stream<String> lines;
    private final Thread reader;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int status;
    private volatile String lastId;

    private EventStream(HttpClient http, HttpRequest request) {
      reader = new Thread(() -> read(http, request), "sse-test-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(HttpClient http, HttpRequest request) {
      try {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new SseEvent(id, event, new JsonObject(data.toString())));
            }
            event = null;
            data.setLength(0);
          } else if (line.startsWith(":")) {
            synchronized (comments) {
              comments.add(line);
            }
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
            lastId = id;
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data.append(line.substring(6));
          }
        }
      } catch (IOException | RuntimeException e) {
        // the stream was closed by the test or the server: the collected events stay readable
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ended.countDown();
      }
    }

    /** Waits until the server has ended the stream, failing the test if it is still open after the hang limit. */
    public void awaitEnd() {
      try {
        if (!ended.await(ApiClient.HANG_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new AssertionError("the stream is still open");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** The id the client holds now: the last id line received, with an event or without one. */
    public String lastId() {
      return lastId;
    }

    /** The comment lines received so far (heartbeats, and why the server ended the stream). */
    public List<String> comments() {
      synchronized (comments) {
        return List.copyOf(comments);
      }
    }

    /** The next event, failing the test if none arrives before the hang limit. */
    public SseEvent next() {
      try {
        SseEvent event = events.poll(ApiClient.HANG_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
          throw new AssertionError("no stream event arrived (status " + status + ")");
        }
        return event;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** The next event of this type, skipping others. */
    public SseEvent next(String type) {
      SseEvent event = next();
      while (!type.equals(event.event())) {
        event = next();
      }
      return event;
    }

    /** Events already received and not yet taken. */
    public List<SseEvent> pending() {
      List<SseEvent> drained = new ArrayList<>();
      events.drainTo(drained);
      return drained;
    }

    public int status() {
      return status;
    }

    @Override
    public void close() {
      Stream<String> open = lines;
      if (open != null) {
        open.close();
      }
      reader.interrupt();
    }
  }

  /** Opens the live stream; {@code lastEventId} may be null. Waits until the server said it is connected. */
  public EventStream stream(String query, String bearerToken, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/audit/stream" + query))
        .header("Authorization", "Bearer " + bearerToken).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    EventStream stream = new EventStream(http, request.build());
    Eventually.await("the stream to open", () -> {
      synchronized (stream.comments) {
        return stream.comments.contains(": connected") || stream.status >= 400;
      }
    }, open -> open);
    return stream;
  }

  /** A security event as the login role would publish it. */
  public static SecurityEvent event(String type, UUID accountId, String ip, String outcome, String reason,
      Instant occurredAt) {
    String subject = accountId == null ? "u:test-" + UUID.randomUUID() : accountId.toString();
    // the id carries the event's own time, as the login role's clock would stamp it
    return new SecurityEvent(EventIds.next(java.time.Clock.fixed(occurredAt, java.time.ZoneOffset.UTC)), type, SecurityEvent.SCHEMA_VERSION,
        occurredAt.truncatedTo(ChronoUnit.MILLIS), accountId, subject, "username", ip, "audit-test/1.0",
        "req-" + UUID.randomUUID(), outcome, reason, new JsonObject().put("note", "test"));
  }

  /** Publishes events to their topics, keyed by subject, acknowledged by every replica. */
  public static void produce(List<SecurityEvent> events) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.get().endpoints().kafka().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (SecurityEvent event : events) {
        producer.send(new ProducerRecord<>(event.topic(), event.subjectKey(), event.toJson().encode())).get();
      }
    } catch (Exception e) {
      throw new AssertionError("producing test events failed: " + e, e);
    }
  }

  /** The topic name, re-exported so tests read naturally. */
  public static final String LOGIN_EVENTS = Topics.LOGIN_EVENTS;
}
