package dev.portal.login.notification;

import dev.portal.login.consumer.EnvNumbers;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the SMS channel posts its messages: an HTTP webhook of the SMS provider (or a
 * relay) taking {to, message, messageId}.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>SMS_WEBHOOK_URL</td><td>(none)</td><td>http(s) URL the SMS messages are POSTed to; when unset every
 *       SMS message is dead-lettered with that reason</td></tr>
 *   <tr><td>SMS_WEBHOOK_AUTH_HEADER</td><td>(none)</td><td>whole value of the Authorization header, e.g.
 *       "Bearer xyz"; never logged</td></tr>
 *   <tr><td>SMS_RETRY_ATTEMPTS</td><td>4</td><td>attempts per message (the first included) on 5xx, 408, 429,
 *       timeouts and connection errors</td></tr>
 *   <tr><td>SMS_RETRY_INITIAL_BACKOFF_MS</td><td>500</td><td>wait before the second attempt, doubling after</td></tr>
 *   <tr><td>SMS_WEBHOOK_TIMEOUT_MS</td><td>5000</td><td>longest wait for one answer of the webhook</td></tr>
 *   <tr><td>SMS_WEBHOOK_MAX_CONNECTIONS</td><td>20</td><td>connections kept to the webhook at most</td></tr>
 * </table>
 */
public record SmsWebhookSettings(URI url, String authHeader, int attempts, Duration initialBackoff,
    Duration timeout, int maxConnections) {

  public static SmsWebhookSettings fromEnv(Map<String, String> env) {
    return new SmsWebhookSettings(
        url(EnvText.text(env, "SMS_WEBHOOK_URL", null)),
        EnvText.text(env, "SMS_WEBHOOK_AUTH_HEADER", null),
        EnvNumbers.positiveCount(env, "SMS_RETRY_ATTEMPTS", 4),
        EnvNumbers.positiveMillis(env, "SMS_RETRY_INITIAL_BACKOFF_MS", 500),
        EnvNumbers.positiveMillis(env, "SMS_WEBHOOK_TIMEOUT_MS", 5_000),
        EnvNumbers.positiveCount(env, "SMS_WEBHOOK_MAX_CONNECTIONS", 20));
  }

  /** False when no URL is set: SMS messages cannot be sent. */
  public boolean configured() {
    return url != null;
  }

  /** The wait before attempt number {@code attempt} (2 for the first retry): doubling from the initial one. */
  Duration backoffBefore(int attempt) {
    return initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 30));
  }

  // the URL itself is not echoed: a provider may put a key in its query
  private static URI url(String text) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("SMS_WEBHOOK_URL must be an absolute http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("SMS_WEBHOOK_URL is not a valid URL");
    }
  }

  /** Never shows the auth header or the URL's query. */
  @Override
  public String toString() {
    return "SmsWebhookSettings[" + (url == null ? "unset" : url.getScheme() + "://" + url.getAuthority() + url.getPath())
        + ", attempts=" + attempts + ", initialBackoff=" + initialBackoff + ", timeout=" + timeout + "]";
  }
}
