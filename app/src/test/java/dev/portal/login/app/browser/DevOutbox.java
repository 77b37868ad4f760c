package dev.portal.login.app.browser;

import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The development outbox (DEV_OUTBOX=true) read over HTTP as a tester would: the messages the
 * notification consumer rendered instead of sending, newest first.
 */
final class DevOutbox {
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private final ApiClient api;

  DevOutbox(ApiClient api) {
    this.api = api;
  }

  /** The ids of the messages to an address so far, to tell a new one from them later. */
  Set<String> seen(String to) {
    return items(to).stream().map(JsonObject.class::cast).map(item -> item.getString("messageId"))
        .collect(Collectors.toSet());
  }

  /** Waits for a message to the address, not among those seen, whose body matches the pattern; the first group. */
  String awaitNew(String to, Set<String> seen, Pattern pattern) {
    JsonObject message = Eventually.await("a new message to " + to + " matching " + pattern,
        () -> items(to).stream().map(JsonObject.class::cast)
            .filter(item -> !seen.contains(item.getString("messageId")))
            .filter(item -> pattern.matcher(item.getString("body", "")).find())
            .findFirst().orElse(null),
        found -> found != null);
    Matcher match = pattern.matcher(message.getString("body"));
    match.find();
    return match.group(1);
  }

  /** The six-digit code of a new message to the address. */
  String awaitNewCode(String to, Set<String> seen) {
    return awaitNew(to, seen, CODE);
  }

  private JsonArray items(String to) {
    Answer answer = api.get("/api/v1/dev/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    if (answer.status() != 200) {
      throw new AssertionError("the dev outbox answered " + answer);
    }
    return answer.items();
  }
}
