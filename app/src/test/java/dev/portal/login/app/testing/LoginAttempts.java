package dev.portal.login.app.testing;

import dev.portal.login.app.testing.ApiClient.Answer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Login attempts as they reach the gateway through a proxy: with an X-Forwarded-For header and,
 * when given, the device_token cookie. Synchronous for step-by-step tests, asynchronous for bursts.
 */
public final class LoginAttempts {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final String baseUrl;

  public LoginAttempts(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Answer login(String identifier, String password, String forwardedFor) {
    return login(identifier, password, forwardedFor, null);
  }

  /** @param deviceCookie the device_token cookie value to send, or null */
  public Answer login(String identifier, String password, String forwardedFor, String deviceCookie) {
    try {
      return loginAsync(identifier, password, forwardedFor, deviceCookie).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      throw new AssertionError("login request failed: " + e, e);
    }
  }

  public CompletableFuture<Answer> loginAsync(String identifier, String password, String forwardedFor,
      String deviceCookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
        .timeout(ApiClient.HANG_LIMIT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("identifier", identifier)
            .put("password", password).encode(), StandardCharsets.UTF_8));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    if (deviceCookie != null) {
      request.header("Cookie", "device_token=" + deviceCookie);
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Answer(response.statusCode(), response.headers(), response.body()));
  }

  /** A GET with a bearer token (admin views). */
  public Answer get(String path, String bearerToken) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(ApiClient.HANG_LIMIT)
        .header("Authorization", "Bearer " + bearerToken).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** An empty POST with a bearer token (admin actions). */
  public Answer post(String path, String bearerToken) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(ApiClient.HANG_LIMIT)
        .header("Authorization", "Bearer " + bearerToken).POST(HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
