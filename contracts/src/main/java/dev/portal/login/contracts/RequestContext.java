package dev.portal.login.contracts;

import io.vertx.core.json.JsonObject;

/** Who is asking: travels with every event-bus request from the gateway so events can name it. */
public record RequestContext(String requestId, String ip, String userAgent) {

  public static final String FIELD = "context";

  public JsonObject toJson() {
    return new JsonObject().put("requestId", requestId).put("ip", ip).put("userAgent", userAgent);
  }

  public static RequestContext fromJson(JsonObject json) {
    if (json == null) {
      return new RequestContext(null, null, null);
    }
    return new RequestContext(json.getString("requestId"), json.getString("ip"), json.getString("userAgent"));
  }

  /** The context carried inside an event-bus request body. */
  public static RequestContext of(JsonObject requestBody) {
    return fromJson(requestBody.getJsonObject(FIELD));
  }
}
