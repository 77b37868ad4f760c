package dev.portal.login.notification;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Looks up the contact of an account; empty when there is no such account. */
interface ContactDirectory {
  Future<Optional<Contact>> find(UUID accountId);
}
