package dev.portal.login.identity;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Roles;
import java.util.List;

/**
 * Decides, after the right password, whether a login needs a second factor and by which channel: the
 * account's own method, or e-mail codes when the deployment requires a second factor of an account
 * that chose none. Codes go only to a verified e-mail address.
 */
final class SecondFactorPolicy {
  /** What the login does next. */
  enum Verdict {
    /** Open the session now. */
    NONE(null),
    EMAIL(Notification.EMAIL),
    SMS(Notification.SMS),
    TOTP(SecondFactorStore.TOTP),
    /** A code by e-mail is needed but the address is not verified: refuse (403 email-not-verified). */
    NEEDS_VERIFIED_EMAIL(null);

    private final String channel;

    Verdict(String channel) {
      this.channel = channel;
    }

    /** The challenge channel; null for NONE and NEEDS_VERIFIED_EMAIL. */
    String channel() {
      return channel;
    }
  }

  private SecondFactorPolicy() {
  }

  static Verdict decide(String method, boolean emailVerified, List<String> roles,
      SecondFactorConfig.Requirement requirement) {
    return switch (method == null ? SecondFactorStore.NONE : method) {
      case SecondFactorStore.TOTP -> Verdict.TOTP;
      case SecondFactorStore.SMS -> Verdict.SMS;
      case SecondFactorStore.EMAIL -> emailVerified ? Verdict.EMAIL : Verdict.NEEDS_VERIFIED_EMAIL;
      default -> mustHaveOne(roles, requirement)
          ? emailVerified ? Verdict.EMAIL : Verdict.NEEDS_VERIFIED_EMAIL
          : Verdict.NONE;
    };
  }

  /** Whether the deployment requires a second factor of an account with these roles. */
  static boolean mustHaveOne(List<String> roles, SecondFactorConfig.Requirement requirement) {
    return switch (requirement) {
      case ALL -> true;
      case PRIVILEGED -> roles.contains(Roles.ADMIN) || roles.contains(Roles.SECURITY);
      case NONE -> false;
    };
  }
}
