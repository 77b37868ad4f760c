package dev.portal.login.gateway;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: turns a failed or unmatched request into an
 * {@code application/problem+json} body. Exception text never reaches the client.
 */
final class ProblemRenderer implements Handler<RoutingContext> {
  static final String PROBLEM_JSON = "application/problem+json";
  /** The structured-log field naming the request a line belongs to. */
  static final String REQUEST_ID = "requestId";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemRenderer.class);

  private final MeterRegistry registry;
  private final long bodyLimitBytes;

  ProblemRenderer(MeterRegistry registry, long bodyLimitBytes) {
    this.registry = registry;
    this.bodyLimitBytes = bodyLimitBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().closed()) {
      // the client went away (a closed tab, a load generator's stop): nothing failed here, and no one to answer
      LOG.atDebug().addKeyValue(REQUEST_ID, requestId(ctx))
          .log("Request {} ended: the client closed the connection before the answer", requestId(ctx));
      return;
    }
    Problem problem = problemFor(ctx);
    Counter.builder("gateway.problems").description("Problem responses sent, by problem type")
        .tag("type", problem.type().slug()).register(registry).increment();
    if (ctx.response().headWritten()) {
      // Too late for a problem body: the best left is to cut the connection so the client sees a failure.
      LOG.atWarn().addKeyValue(REQUEST_ID, requestId(ctx))
          .log("Request {} failed after its response started ({})", requestId(ctx), problem.type().slug());
      ctx.request().connection().close();
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", PROBLEM_JSON)
        .putHeader("Cache-Control", "no-store");
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if (problem.type() == ProblemType.UNAUTHORIZED || problem.type() == ProblemType.SESSION_EXPIRED) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().end(problem.toJson().encode());
  }

  private Problem problemFor(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException known) {
      return known.problem();
    }
    if (failure instanceof ReplyException reply) {
      return fromReply(ctx, reply);
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    boolean bareStatus = failure == null || failure instanceof HttpException;
    ProblemType type = ProblemType.forStatus(status);
    if (bareStatus && type != ProblemType.INTERNAL) {
      return Problem.of(type, detailFor(type));
    }
    LOG.atError().addKeyValue(REQUEST_ID, requestId(ctx)).setCause(failure)
        .log("Request {} failed unexpectedly on {} {}", requestId(ctx), ctx.request().method(), ctx.normalizedPath());
    return Problem.of(ProblemType.INTERNAL, "An unexpected error occurred.");
  }

  private static Problem fromReply(RoutingContext ctx, ReplyException reply) {
    Problem problem = ProblemException.fromReplyFailure(reply);
    if (problem.type() == ProblemType.INTERNAL || problem.type() == ProblemType.UNAVAILABLE) {
      LOG.atWarn().addKeyValue(REQUEST_ID, requestId(ctx)).log("Request {}: event-bus request failed ({}, code {}): {}",
          requestId(ctx), reply.failureType(), reply.failureCode(), reply.getMessage());
    }
    return problem;
  }

  private String detailFor(ProblemType type) {
    return switch (type) {
      case NOT_FOUND -> "There is nothing at this path.";
      case METHOD_NOT_ALLOWED -> "This path does not support this method.";
      case PAYLOAD_TOO_LARGE -> "The request body must not exceed " + bodyLimitBytes + " bytes.";
      case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json.";
      case UNAUTHORIZED -> "The access token is missing.";
      default -> type.title() + ".";
    };
  }

  private static String requestId(RoutingContext ctx) {
    return RequestContextHandler.of(ctx).requestId();
  }
}
