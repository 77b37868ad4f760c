package dev.portal.login.identity;

import dev.portal.login.contracts.IdentifierKind;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells the audit search which subject keys the events of an identifier carry: the audit trail
 * stores no identifiers, only the account id (known accounts) or a keyed hash (unknown ones). Both
 * are given for a known account, with the hashes of all its identifiers, so attempts made with any
 * of them before it was registered are found too.
 */
final class IdentifierResolver {
  private final AccountStore accounts;
  private final SubjectKeys subjectKeys;

  IdentifierResolver(AccountStore accounts, SubjectKeys subjectKeys) {
    this.accounts = accounts;
    this.subjectKeys = subjectKeys;
  }

  /** identity.resolve: {identifier} -> {accountId | null, subjectKeys: [...]}. */
  Future<JsonObject> resolve(JsonObject body) {
    Identifier identifier = Identifier.classify(identifierText(body));
    return accounts.findCredentials(identifier)
        .compose(found -> found == null ? Future.succeededFuture(null) : accounts.findView(found.accountId()))
        .map(account -> {
          Set<String> keys = new LinkedHashSet<>();
          if (account != null) {
            keys.add(account.id().toString());
            identifiersOf(account).forEach(known -> keys.add(subjectKeys.forUnknown(known)));
          }
          keys.add(subjectKeys.forUnknown(identifier));
          return new JsonObject()
              .put("accountId", account == null ? null : account.id().toString())
              .put("subjectKeys", new JsonArray(new ArrayList<>(keys)));
        });
  }

  /** Every identifier of the account: attempts with any of them before it existed were recorded under its key. */
  private static List<Identifier> identifiersOf(AccountView account) {
    List<Identifier> identifiers = new ArrayList<>();
    identifiers.add(new Identifier(IdentifierKind.USERNAME, account.username()));
    identifiers.add(new Identifier(IdentifierKind.EMAIL, account.email()));
    if (account.nationalId() != null) {
      identifiers.add(new Identifier(IdentifierKind.NATIONAL_ID, account.nationalId()));
    }
    if (account.employerNumber() != null) {
      identifiers.add(new Identifier(IdentifierKind.EMPLOYER_NUMBER, account.employerNumber()));
    }
    return identifiers;
  }

  private static String identifierText(JsonObject body) {
    Object value = body.getValue("identifier");
    if (value instanceof String text && !text.isBlank() && text.length() <= InputRules.IDENTIFIER_MAX
        && text.chars().noneMatch(Character::isISOControl)) {
      return text;
    }
    throw new ProblemException(Problem.validation(List.of(new Problem.FieldError("identifier",
        "must be 1 to " + InputRules.IDENTIFIER_MAX + " characters without control characters"))));
  }
}
