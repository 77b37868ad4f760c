package dev.portal.login.app.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain HTTP client for end-to-end tests: talks to the running app exactly as a portal would,
 * over real HTTP. The request timeout only detects a hang; no test asserts on time.
 */
public final class ApiClient {
  public static final Duration HANG_LIMIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** One answer: status, headers and the body (parsed as JSON when it is JSON). */
  public record Answer(int status, java.net.http.HttpHeaders headers, String text) {
    public JsonObject json() {
      return new JsonObject(text);
    }

    public JsonArray items() {
      return json().getJsonArray("items");
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  public Answer postJson(String path, JsonObject body) {
    return post(path, "application/json", body.encode());
  }

  /** POST JSON with extra request headers, e.g. X-Request-Id. */
  public Answer postJson(String path, JsonObject body, java.util.Map<String, String> headers) {
    HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request.POST(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8)));
  }

  /** GET with extra request headers. */
  public Answer get(String path, java.util.Map<String, String> headers) {
    HttpRequest.Builder request = request(path);
    headers.forEach(request::header);
    return send(request.GET());
  }

  public Answer post(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  public Answer get(String path, String bearerToken) {
    return send(request(path).header("Authorization", "Bearer " + bearerToken).GET());
  }

  /** POST with a bearer token; {@code body} may be null for an empty request. */
  public Answer postWithBearer(String path, String bearerToken, JsonObject body) {
    HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + bearerToken);
    if (body == null) {
      return send(request.POST(HttpRequest.BodyPublishers.noBody()));
    }
    return send(request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8)));
  }

  /** PUT JSON with a bearer token. */
  public Answer putWithBearer(String path, String bearerToken, JsonObject body) {
    return send(request(path).header("Authorization", "Bearer " + bearerToken).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8)));
  }

  public Answer deleteWithBearer(String path, String bearerToken) {
    return send(request(path).header("Authorization", "Bearer " + bearerToken).DELETE());
  }

  /** Logs in and returns the whole token answer (access and refresh token), failing the test if it does not succeed. */
  public JsonObject tokens(String identifier, String password) {
    Answer answer = postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
    if (answer.status() != 200) {
      throw new AssertionError("login of " + identifier + " failed: " + answer);
    }
    return answer.json();
  }

  /** Logs in and returns the access token, failing the test if the login does not succeed. */
  public String accessToken(String identifier, String password) {
    Answer answer = postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
    if (answer.status() != 200) {
      throw new AssertionError("login of " + identifier + " failed: " + answer);
    }
    return answer.json().getString("access_token");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(HANG_LIMIT);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
