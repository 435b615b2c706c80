package dev.passbridge.gateway.paths;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The path as routes, static resources and path patterns match it: percent-encoded octets decoded
 * as UTF-8 ({@code /dev%2Dsms.html} is {@code /dev-sms.html}). A rule decided by comparing strings
 * must compare this, not the raw path, or another spelling of a path skips it. ({@code %2F}, {@code
 * %2E} and {@code %25} are refused at the edge before any route.) Plain Java with no framework
 * type, so that every feature can use it: {@code UriUtils.decode} would do the same from
 * spring-web.
 */
public final class RequestPaths {
  private RequestPaths() {}

  public static String decoded(String rawPath) {
    if (rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
      int low = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 2), 16) : -1;
      if (c == '%' && high >= 0 && low >= 0) {
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        // a '%' not followed by two hex digits is kept as it is
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
