package dev.portal.login.gateway;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The shape checks every JSON request body passes before a role sees it: declared as
 * application/json, a JSON object, and free of control characters. Field rules are the roles' job.
 */
final class JsonRequestBody {
  private static final String KEY = "jsonBody";

  private JsonRequestBody() {
  }

  /** Refuses bodies not declared as application/json (parameters such as charset are allowed). */
  static void requireJsonContentType(RoutingContext ctx) {
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      ctx.fail(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Send the request body as application/json."));
      return;
    }
    ctx.next();
  }

  /**
   * For a route whose body may be left out: no body at all (whatever the headers) stands for {} and
   * goes on; any other body must pass {@link #requireJsonContentType} and {@link #parseObject}.
   */
  static void parseOptionalObject(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      ctx.put(KEY, new JsonObject());
      ctx.next();
      return;
    }
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      ctx.fail(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Send the request body as application/json, or send none."));
      return;
    }
    parseObject(ctx);
  }

  /** Runs after the BodyHandler: parses, checks and keeps the body for the route's handler. */
  static void parseObject(RoutingContext ctx) {
    if (!(decode(ctx.body().buffer()) instanceof JsonObject object)) {
      ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "The request body must be a JSON object."));
      return;
    }
    List<String> badFields = ControlCharacterFinder.find(object);
    if (!badFields.isEmpty()) {
      ctx.fail(new ProblemException(Problem.validation(badFields.stream()
          .map(field -> new Problem.FieldError(field, "must not contain control characters"))
          .toList())));
      return;
    }
    ctx.put(KEY, object);
    ctx.next();
  }

  /** The checked body; only valid behind {@link #parseObject}. */
  static JsonObject of(RoutingContext ctx) {
    JsonObject body = ctx.get(KEY);
    if (body == null) {
      throw new IllegalStateException("route has no JSON body check in front of it");
    }
    return body;
  }

  private static Object decode(Buffer buffer) {
    if (buffer == null || buffer.length() == 0) {
      return null;
    }
    try {
      return Json.decodeValue(buffer);
    } catch (DecodeException e) {
      return null;
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return mediaType.equalsIgnoreCase("application/json");
  }
}
