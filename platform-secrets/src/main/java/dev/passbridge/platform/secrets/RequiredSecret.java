package dev.passbridge.platform.secrets;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One secret a service declares in {@code passbridge.secrets.required}, one line each:
 *
 * <pre>
 * property [env VARIABLE] [when other.property=value | when set]
 * </pre>
 *
 * <ul>
 *   <li>{@code passbridge.otp.hmac-key}: always required; the operator sets {@code
 *       PASSBRIDGE_OTP_HMACKEY} (Spring's relaxed-binding name of the property)
 *   <li>{@code spring.datasource.password env PASSBRIDGE_AUTH_DB_PASSWORD}: the service's file
 *       reads the property from that variable ({@code ${PASSBRIDGE_AUTH_DB_PASSWORD:}}), so the
 *       message names it
 *   <li>{@code passbridge.otp.sms.provider.username when passbridge.otp.sms.sender=http}: required
 *       only while the other property has that value (case-insensitive)
 *   <li>{@code spring.data.redis.password when set}: optional (Redis without authentication needs
 *       none), but a value that is set must not be a published demo value or placeholder
 * </ul>
 *
 * @param property the property whose resolved value must be a real secret
 * @param environmentVariable the variable an operator sets, named in the start-up failure
 * @param whenProperty the property of the condition, or {@code null} when always required
 * @param whenValue the value {@code whenProperty} must have for the secret to be required
 * @param whenSet checked only while it has a value ({@code when set}); never with {@code
 *     whenProperty}
 */
public record RequiredSecret(
    String property,
    String environmentVariable,
    String whenProperty,
    String whenValue,
    boolean whenSet) {

  public RequiredSecret {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(environmentVariable, "environmentVariable");
    if ((whenProperty == null) != (whenValue == null)) {
      throw new IllegalArgumentException("a condition needs both a property and a value");
    }
    if (whenSet && whenProperty != null) {
      throw new IllegalArgumentException("'when set' takes no other condition");
    }
  }

  /** A secret required always ({@code whenProperty} null) or under the other property's value. */
  public RequiredSecret(
      String property, String environmentVariable, String whenProperty, String whenValue) {
    this(property, environmentVariable, whenProperty, whenValue, false);
  }

  /**
   * Reads one line of {@code passbridge.secrets.required}.
   *
   * @throws IllegalArgumentException if the line does not follow the grammar above
   */
  public static RequiredSecret parse(String entry) {
    String[] tokens = entry == null ? new String[0] : entry.trim().split("\\s+");
    if (tokens.length == 0 || tokens[0].isEmpty() || !isPropertyName(tokens[0])) {
      throw invalid(entry);
    }
    String property = tokens[0];
    String variable = environmentVariableOf(property);
    String whenProperty = null;
    String whenValue = null;
    boolean whenSet = false;
    int i = 1;
    while (i < tokens.length) {
      if (i + 1 >= tokens.length) {
        throw invalid(entry);
      }
      String keyword = tokens[i];
      String argument = tokens[i + 1];
      if (keyword.equals("env") && argument.matches("[A-Z][A-Z0-9_]*")) {
        variable = argument;
      } else if (keyword.equals("when") && argument.equals("set") && whenProperty == null) {
        whenSet = true;
      } else if (keyword.equals("when") && argument.indexOf('=') > 0 && !whenSet) {
        whenProperty = argument.substring(0, argument.indexOf('='));
        whenValue = argument.substring(argument.indexOf('=') + 1);
        if (!isPropertyName(whenProperty) || whenValue.isEmpty()) {
          throw invalid(entry);
        }
      } else {
        throw invalid(entry);
      }
      i += 2;
    }
    return new RequiredSecret(property, variable, whenProperty, whenValue, whenSet);
  }

  /**
   * The environment variable Spring's relaxed binding maps to a property: dots and list indexes
   * become underscores, dashes are dropped, all upper case ({@code passbridge.otp.hmac-key} →
   * {@code PASSBRIDGE_OTP_HMACKEY}, {@code a.b[0].c} → {@code A_B_0_C}).
   */
  public static String environmentVariableOf(String property) {
    return property
        .replace("-", "")
        .replace("[", ".")
        .replace("]", "")
        .replace('.', '_')
        .toUpperCase(Locale.ROOT);
  }

  /** Whether the secret is required, given how the environment resolves properties. */
  public boolean applies(Function<String, String> properties) {
    if (whenSet) {
      String value = properties.apply(property);
      return value != null && !value.isBlank();
    }
    if (whenProperty == null) {
      return true;
    }
    String actual = properties.apply(whenProperty);
    return actual != null && actual.trim().equalsIgnoreCase(whenValue);
  }

  private static boolean isPropertyName(String name) {
    return name.matches("[a-z0-9][a-z0-9.\\-\\[\\]]*");
  }

  private static IllegalArgumentException invalid(String entry) {
    return new IllegalArgumentException(
        "passbridge.secrets.required: cannot read '"
            + entry
            + "' (expected: property [env VARIABLE] [when other.property=value | when set])");
  }
}
