package dev.portal.login.contracts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The network a client address is counted in for per-IP throttling: an IPv4 address on its own
 * (/32), an IPv6 address by its /64, since one subscriber usually holds a whole /64.
 *
 * @param value the key form, e.g. {@code 203.0.113.9} or {@code 2001:db8:1:2::/64}
 */
public record ClientNetwork(String value) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final int IPV6_PREFIX_BYTES = 8;

  /** The network of an IP literal, or null when {@code ip} is not one (never resolves a host name). */
  public static ClientNetwork of(String ip) {
    InetAddress address = parseLiteral(ip);
    if (address instanceof Inet4Address) {
      return new ClientNetwork(address.getHostAddress());
    }
    if (address instanceof Inet6Address v6) {
      byte[] prefix = Arrays.copyOf(v6.getAddress(), 16);
      Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
        text.append(Integer.toHexString(((prefix[i] & 0xFF) << 8) | (prefix[i + 1] & 0xFF))).append(':');
      }
      return new ClientNetwork(text.append(":/64").toString().toLowerCase(Locale.ROOT));
    }
    return null;
  }

  /** The address of an IPv4 or IPv6 literal; null for anything else, without a DNS lookup. */
  public static InetAddress parseLiteral(String ip) {
    if (ip == null || ip.isBlank()) {
      return null;
    }
    String text = ip.trim();
    boolean literal = validIpv4(text) || (text.contains(":") && IPV6_CHARACTERS.matcher(text).matches());
    if (!literal) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  // an octet above 255 would make InetAddress treat the text as a host name and look it up
  private static boolean validIpv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return false;
    }
    return Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
  }
}
