package dev.passbridge.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A name people see (a passkey's name, the user name an authenticator shows): at most {@link
 * #max()} characters, counted as Unicode code points as JSON Schema's {@code maxLength} counts them
 * (Bean Validation's {@code @Size} counts UTF-16 units, so an emoji counted twice), and no
 * character that changes how the text around it is shown or that is not text at all: control
 * characters (Cc, tabs and line breaks too), invisible format characters (Cf: bidi embeddings,
 * overrides and isolates such as U+202E, zero-width spaces, the byte-order mark, ...), unpaired
 * surrogates (Cs: they cannot be encoded, and became {@code ?} on the way into an event), line and
 * paragraph separators (Zl, Zp) and private-use characters (Co). The format characters that are
 * part of writing a name are allowed: the zero-width joiner and non-joiner (U+200D makes one emoji
 * of a family, U+200C is needed to write Persian and several Indic scripts), the left-to-right,
 * right-to-left and Arabic letter marks (U+200E, U+200F, U+061C: they only set the direction of
 * neutral characters in Hebrew and Arabic names), the soft hyphen (U+00AD) and the tag characters
 * (U+E0020 to U+E007F, which make the flags of England, Scotland and Wales).
 *
 * <p>{@code null} is valid (pair it with {@code @NotBlank} where the value is required). Written
 * here because Bean Validation has no length in code points, and a pattern alone cannot say which
 * of the two rules a value broke.
 */
@Documented
@Constraint(validatedBy = VisibleText.Check.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface VisibleText {
  /** What a value with a character named above is told. */
  String INVISIBLE =
      "must not contain control, format, line separator, private-use or unpaired surrogate"
          + " characters";

  /** The most characters (code points). */
  int max();

  String message() default INVISIBLE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check; {@link #problem(String, int)} is the rule as a function. */
  final class Check implements ConstraintValidator<VisibleText, String> {
    private int max;

    @Override
    public void initialize(VisibleText annotation) {
      this.max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = problem(value, max);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }

    /** What is wrong with {@code value}, or {@code null} when nothing is. */
    public static String problem(String value, int max) {
      if (value == null) {
        return null;
      }
      for (int i = 0; i < value.length(); ) {
        int c = value.codePointAt(i);
        if (!allowed(c)) {
          return INVISIBLE;
        }
        i += Character.charCount(c);
      }
      if (value.codePointCount(0, value.length()) > max) {
        return "must be at most " + max + " characters";
      }
      return null;
    }

    private static boolean allowed(int c) {
      if (c == 0x200C
          || c == 0x200D
          || c == 0x200E
          || c == 0x200F
          || c == 0x061C
          || c == 0x00AD
          || (c >= 0xE0020 && c <= 0xE007F)) {
        return true;
      }
      return switch (Character.getType(c)) {
        case Character.CONTROL,
            Character.FORMAT,
            Character.SURROGATE,
            Character.LINE_SEPARATOR,
            Character.PARAGRAPH_SEPARATOR,
            Character.PRIVATE_USE ->
            false;
        default -> true;
      };
    }
  }
}
