package dev.portal.login.gateway;

import dev.portal.login.contracts.ClientNetwork;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The proxies (load balancers) whose X-Forwarded-For the gateway believes, as CIDR ranges. Anyone
 * else could write any address into that header, so from them only the peer address counts: a
 * client cannot dodge its per-IP throttle, or frame another address, by forging the header.
 */
public record TrustedProxies(List<Range> ranges) {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  public TrustedProxies {
    ranges = List.copyOf(ranges);
  }

  /** One CIDR range: the network's address bits and how many of them count. */
  public record Range(byte[] network, int prefixLength) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int bits = network.length * 8;
      BigInteger mask = prefixLength == 0 ? BigInteger.ZERO
          : BigInteger.ONE.shiftLeft(prefixLength).subtract(BigInteger.ONE).shiftLeft(bits - prefixLength);
      return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Range range && range.prefixLength == prefixLength && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(network) + prefixLength;
    }
  }

  /**
   * Comma-separated CIDRs ("10.0.0.0/8, 2001:db8::/32"; a bare address means just it); blank means none.
   *
   * @throws IllegalArgumentException naming TRUSTED_PROXIES and the bad entry
   */
  public static TrustedProxies parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Range> ranges = new ArrayList<>();
    for (String entry : text.split(",")) {
      String cidr = entry.trim();
      if (!cidr.isEmpty()) {
        ranges.add(range(cidr));
      }
    }
    return new TrustedProxies(ranges);
  }

  private static Range range(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress address = ClientNetwork.parseLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("TRUSTED_PROXIES has an entry that is not an IP range: '" + cidr + "'");
    }
    int bits = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("TRUSTED_PROXIES has an entry with a bad prefix length: '" + cidr + "'", e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("TRUSTED_PROXIES has an entry with a bad prefix length: '" + cidr + "'");
    }
    return new Range(address.getAddress(), prefix);
  }

  public boolean trusts(String ip) {
    InetAddress address = ClientNetwork.parseLiteral(ip);
    return address != null && ranges.stream().anyMatch(range -> range.contains(address));
  }

  /**
   * The client's address: the peer's, unless the peer is a trusted proxy, in which case the right-most
   * X-Forwarded-For entry that is not itself a trusted proxy (entries to its left could be forged).
   */
  public String clientAddress(String peer, List<String> forwardedForHeaders) {
    if (peer == null || !trusts(peer) || forwardedForHeaders.isEmpty()) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    forwardedForHeaders.forEach(header -> Arrays.stream(header.split(",")).map(String::trim)
        .filter(hop -> !hop.isEmpty()).forEach(hops::add));
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (ClientNetwork.parseLiteral(hop) == null) {
        return client; // a malformed entry ends what can be believed
      }
      client = hop;
      if (!trusts(hop)) {
        return hop;
      }
    }
    return client;
  }
}
