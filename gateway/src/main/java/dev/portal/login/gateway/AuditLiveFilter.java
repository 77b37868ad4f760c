package dev.portal.login.gateway;

import dev.portal.login.contracts.ClientNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * The search filters applied to live events in the gateway, with the same meaning the audit role
 * gives them in SQL: every given filter must hold; the address filter is an exact address or a
 * CIDR network; the identifier is matched through the subject keys it resolved to.
 */
final class AuditLiveFilter {
  private final String accountId;
  private final List<String> subjectKeys;
  private final byte[] network;
  private final int prefixBits;
  private final String type;
  private final String outcome;
  private final Instant from;
  private final Instant to;

  private AuditLiveFilter(JsonObject filters) {
    accountId = filters.getString("accountId");
    JsonArray keys = filters.getJsonArray("subjectKeys");
    subjectKeys = keys == null ? null : keys.stream().map(String::valueOf).toList();
    String ip = filters.getString("ip");
    int slash = ip == null ? -1 : ip.indexOf('/');
    InetAddress address = ip == null ? null : ClientNetwork.parseLiteral(slash < 0 ? ip : ip.substring(0, slash));
    if (ip != null && address == null) {
      throw new IllegalArgumentException("ip is not an address or network");
    }
    network = address == null ? null : address.getAddress();
    prefixBits = address == null ? 0 : slash < 0 ? network.length * 8 : Integer.parseInt(ip.substring(slash + 1));
    if (network != null && (prefixBits < 0 || prefixBits > network.length * 8)) {
      throw new IllegalArgumentException("ip prefix out of range");
    }
    type = filters.getString("type");
    outcome = filters.getString("outcome");
    from = filters.getString("from") == null ? null : Instant.parse(filters.getString("from"));
    to = filters.getString("to") == null ? null : Instant.parse(filters.getString("to"));
  }

  /** @param filters as {@link AuditQuery#filtersJson} builds them */
  static AuditLiveFilter of(JsonObject filters) {
    return new AuditLiveFilter(filters);
  }

  /** @param message as the audit stream publishes it: {item, subjectKey} */
  boolean matches(JsonObject message) {
    JsonObject item = message.getJsonObject("item");
    return (accountId == null || accountId.equalsIgnoreCase(item.getString("accountId", "")))
        && (subjectKeys == null || subjectKeys.contains(message.getString("subjectKey")))
        && (type == null || type.equals(item.getString("type")))
        && (outcome == null || outcome.equals(item.getString("outcome")))
        && (network == null || inNetwork(item.getString("ip")))
        && inTimeRange(item.getString("occurredAt"));
  }

  private boolean inNetwork(String ip) {
    InetAddress address = ClientNetwork.parseLiteral(ip);
    if (address == null) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int fullBytes = prefixBits / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  private boolean inTimeRange(String occurredAt) {
    if (from == null && to == null) {
      return true;
    }
    try {
      Instant at = Instant.parse(occurredAt);
      return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    } catch (DateTimeException | NullPointerException e) {
      return false;
    }
  }
}
