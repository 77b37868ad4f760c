package dev.portal.login.identity;

import dev.portal.login.contracts.ClientNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The network a sign-in comes from, as new-sign-in alerts judge it: an IPv4 /24 or an IPv6 /48,
 * wide enough that a home router's new address or a phone moving between cells of one operator is
 * not "new", narrow enough that another town's provider is. (Throttling counts narrower networks,
 * see {@link ClientNetwork}.)
 */
final class SignInNetwork {
  private static final int IPV4_PREFIX_BYTES = 3;
  private static final int IPV6_PREFIX_BYTES = 6;

  private SignInNetwork() {
  }

  /** e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1::/48}; null when {@code ip} is no IP literal. */
  static String of(String ip) {
    InetAddress address = ClientNetwork.parseLiteral(ip);
    if (address instanceof Inet4Address v4) {
      byte[] bytes = v4.getAddress();
      return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + ".0/24";
    }
    if (address instanceof Inet6Address v6) {
      byte[] prefix = Arrays.copyOf(v6.getAddress(), 16);
      Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
        text.append(Integer.toHexString(((prefix[i] & 0xFF) << 8) | (prefix[i + 1] & 0xFF))).append(':');
      }
      return text.append(":/48").toString();
    }
    return null;
  }
}
