package dev.portal.login.contracts;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A failure that already knows the problem to show the client. Thrown inside a role, carried
 * across the event bus as a reply failure (code = HTTP status, message = problem JSON), and
 * rendered by the gateway's one failure handler.
 */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.type().slug() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public ProblemException(ProblemType type, String detail) {
    this(Problem.of(type, detail));
  }

  public Problem problem() {
    return problem;
  }

  /** Answers an event-bus request with this problem. */
  public static void failMessage(Message<?> message, Problem problem) {
    message.fail(problem.status(), problem.toJson().encode());
  }

  /**
   * Turns the failure of an event-bus request back into a problem: a recipient's problem
   * as it sent it, no handler or a timeout as {@link ProblemType#UNAVAILABLE}.
   */
  public static Problem fromReplyFailure(Throwable failure) {
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.getMessage() != null
          && re.getMessage().startsWith("{")) {
        try {
          return Problem.fromJson(new JsonObject(re.getMessage()));
        } catch (DecodeException ignored) {
          // fall through: not one of ours
        }
      }
      if (re.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
        return Problem.of(ProblemType.UNAVAILABLE, "A required service did not answer in time.")
            .withRetryAfter(5);
      }
    }
    return Problem.of(ProblemType.INTERNAL, "An unexpected error occurred.");
  }
}
