package dev.passbridge.platform.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the secrets a service declares before it starts outside the local profile: each must be
 * set (not blank) and must not be a value published somewhere (the local profile's development HMAC
 * key, the placeholders of the deployment examples, the usual default passwords). Plain Java;
 * {@link SecretsCheckListener} runs it at start-up. Values are compared, never reported.
 */
public final class SecretsCheck {

  /**
   * Values anyone can read: in this repository (the local profile's development OTP key and
   * auth-service's development username HMAC key), in the deployment examples ({@code
   * deploy/k8s/secret.example.yaml} uses {@code <...>} placeholders, refused as a shape), the
   * SHA-256 hash of the local profile's demo Connect client secret ({@code shop-local-secret}), and
   * the usual defaults. Compared trimmed and case-insensitively; a base64 value is also decoded and
   * compared by its bytes (as the services decode it: the URL-safe alphabet when it has {@code -}
   * or {@code _}, padding optional, the unused low bits of the last character ignored), so no other
   * spelling of a published key is accepted.
   */
  public static final Set<String> KNOWN_DEMO_VALUES;

  /** The published base64 keys as they stand in the local profiles' files. */
  private static final List<String> DEMO_KEYS =
      List.of(
          "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kc=",
          "DqLK318CfVuyWQ0F23RSoEGsJrc1tkzxgicXm+xrFws=");

  /** The published keys, decoded. */
  private static final List<byte[]> KNOWN_DEMO_KEYS =
      DEMO_KEYS.stream().map(Base64.getDecoder()::decode).toList();

  static {
    Set<String> values = new java.util.HashSet<>();
    DEMO_KEYS.forEach(k -> values.add(k.toLowerCase(Locale.ROOT)));
    values.addAll(
        List.of(
            "sha256:180742cbe56577804d7d0811e5c4ce631638a8e6fe46b131f34e284a4d04198d",
            "passbridge",
            "changeme",
            "change-me",
            "change_me",
            "replace-me",
            "secret",
            "password",
            "demo",
            "admin",
            "postgres",
            "sa"));
    KNOWN_DEMO_VALUES = Set.copyOf(values);
  }

  /** Why a secret stops the start. */
  public enum Reason {
    /** not set, or blank */
    MISSING,
    /** a published demo value or placeholder */
    REFUSED
  }

  /** One secret that stops the start; carries no value. */
  public record Problem(RequiredSecret secret, Reason reason) {}

  private SecretsCheck() {}

  /**
   * @param required the service's declared secrets
   * @param properties resolves a property to its value ({@code null} if unset)
   * @return every secret that stops the start, in declaration order; empty if all are fine
   */
  public static List<Problem> check(
      List<RequiredSecret> required, Function<String, String> properties) {
    List<Problem> problems = new ArrayList<>();
    for (RequiredSecret secret : required) {
      if (!secret.applies(properties)) {
        continue;
      }
      String value = properties.apply(secret.property());
      if (value == null || value.isBlank()) {
        problems.add(new Problem(secret, Reason.MISSING));
      } else if (isDemoValue(value)) {
        problems.add(new Problem(secret, Reason.REFUSED));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The Connect client secret hashes ({@code passbridge.connect.clients[i].secret-hashes[j]}) that
   * are published demo values: a client list has no fixed property names to declare in {@code
   * passbridge.secrets.required}, so every configured hash is checked.
   *
   * @param secretHashes per configured client (in order), its secret hashes (in order)
   */
  public static List<Problem> checkConnectSecretHashes(List<List<String>> secretHashes) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < secretHashes.size(); i++) {
      List<String> hashes = secretHashes.get(i) == null ? List.of() : secretHashes.get(i);
      for (int j = 0; j < hashes.size(); j++) {
        if (hashes.get(j) != null && isDemoValue(hashes.get(j))) {
          String property = "passbridge.connect.clients[" + i + "].secret-hashes[" + j + "]";
          problems.add(
              new Problem(
                  new RequiredSecret(
                      property, RequiredSecret.environmentVariableOf(property), null, null),
                  Reason.REFUSED));
        }
      }
    }
    return List.copyOf(problems);
  }

  static boolean isDemoValue(String value) {
    String v = value.trim();
    if (KNOWN_DEMO_VALUES.contains(v.toLowerCase(Locale.ROOT))
        || (v.startsWith("<") && v.endsWith(">"))) {
      return true;
    }
    byte[] decoded = decoded(v);
    return decoded != null && KNOWN_DEMO_KEYS.stream().anyMatch(k -> Arrays.equals(k, decoded));
  }

  /** The value's bytes as a service decodes a base64 key, or null if it is not base64. */
  private static byte[] decoded(String v) {
    try {
      return v.indexOf('-') >= 0 || v.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(v)
          : Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The one start-up failure message: every variable to fix, no value. */
  public static String message(String service, List<Problem> problems) {
    StringBuilder m =
        new StringBuilder(service)
            .append(" will not start outside the local profile without its secrets; set ")
            .append(
                problems.size() == 1 ? "this environment variable" : "these environment variables")
            .append(" (docs/CONVENTIONS.md, Secrets):");
    for (Problem p : problems) {
      m.append("\n  ")
          .append(p.secret().environmentVariable())
          .append(" (")
          .append(p.secret().property())
          .append("): ")
          .append(
              p.reason() == Reason.MISSING
                  ? "missing"
                  : "refused, a published demo value or placeholder; generate a new one");
    }
    return m.toString();
  }
}
