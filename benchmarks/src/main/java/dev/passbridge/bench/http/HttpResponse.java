package dev.passbridge.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole HTTP answer.
 *
 * @param headers name/value pairs in the order received
 * @param closeAfter the server will close the connection ({@code Connection: close})
 */
public record HttpResponse(int status, List<String> headers, byte[] body, boolean closeAfter) {

  /** The first value of a header (names compared case-insensitively), or null. */
  public String header(String name) {
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        return headers.get(i + 1);
      }
    }
    return null;
  }

  public List<String> headers(String name) {
    List<String> values = new ArrayList<>(2);
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        values.add(headers.get(i + 1));
      }
    }
    return values;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String text = bodyText();
    return status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }
}
