package dev.portal.login.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from the stored key times alone, whether a signing key must be created (the first, or
 * the next one ahead of its turn) and which old keys can be given a retirement time. Pure, so every
 * rule of rotation is testable without a database.
 *
 * <p>A key that stopped signing stays published until every token it signed has expired: the time
 * its successor started, plus the access token lifetime, plus the clock skew verifiers allow.
 */
final class SigningKeySchedule {
  /** What the store holds about one key. */
  record KeyTimes(String kid, Instant notBefore, Instant retireAfter) {
    boolean liveAt(Instant now) {
      return retireAfter == null || retireAfter.isAfter(now);
    }
  }

  /**
   * @param newKeyNotBefore when a key to create now starts signing; empty when none is due
   * @param retirements kid -> retire_after to store
   */
  record Plan(Optional<Instant> newKeyNotBefore, Map<String, Instant> retirements) {
    boolean changesAnything() {
      return newKeyNotBefore.isPresent() || !retirements.isEmpty();
    }
  }

  private final LoginConfig.KeyRotation rotation;
  private final Duration retireGrace;

  SigningKeySchedule(LoginConfig.KeyRotation rotation, Duration accessTokenTtl, Duration clockSkew) {
    this.rotation = rotation;
    this.retireGrace = accessTokenTtl.plus(clockSkew);
  }

  Plan plan(List<KeyTimes> stored, Instant now) {
    List<KeyTimes> started = stored.stream()
        .filter(key -> key.liveAt(now) && !key.notBefore().isAfter(now))
        .sorted(Comparator.comparing(KeyTimes::notBefore).reversed())
        .toList();
    if (started.isEmpty()) {
      return new Plan(Optional.of(now), Map.of());
    }
    KeyTimes current = started.get(0);
    Map<String, Instant> retirements = new LinkedHashMap<>();
    Instant lastTokenExpiry = current.notBefore().plus(retireGrace);
    started.stream().skip(1)
        .filter(older -> older.retireAfter() == null)
        .forEach(older -> retirements.put(older.kid(), lastTokenExpiry));
    boolean successorExists = stored.stream()
        .anyMatch(key -> key.liveAt(now) && key.notBefore().isAfter(now));
    Instant turnEnds = current.notBefore().plus(rotation.period());
    if (successorExists || now.isBefore(turnEnds.minus(rotation.publishAhead()))) {
      return new Plan(Optional.empty(), retirements);
    }
    // never sooner than the publish-ahead time, even when the schedule fell behind (e.g. all instances were down)
    Instant earliest = now.plus(rotation.publishAhead());
    return new Plan(Optional.of(turnEnds.isAfter(earliest) ? turnEnds : earliest), retirements);
  }
}
