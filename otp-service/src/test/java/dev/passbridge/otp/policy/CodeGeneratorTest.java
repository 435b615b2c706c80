package dev.passbridge.otp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {
  private final CodeGenerator generator = new CodeGenerator();

  @Test
  void codesAreSixAsciiDigitsIncludingLeadingZeros() {
    boolean sawLeadingZero = false;
    for (int i = 0; i < 20_000; i++) {
      String code = generator.next();
      assertThat(code).matches("[0-9]{6}");
      assertThat(CodeGenerator.wellFormed(code)).isTrue();
      sawLeadingZero |= code.charAt(0) == '0';
    }
    assertThat(sawLeadingZero).as("codes below 100000 keep their leading zeros").isTrue();
  }

  /**
   * Each of the six positions should be uniform over 0..9. A chi-square statistic with 9 degrees of
   * freedom above 33.7 has probability 0.0001 for a fair source; a biased generator (say modulo
   * bias, or a stuck digit) lands far above.
   */
  @Test
  void everyDigitPositionIsUniform() {
    int n = 100_000;
    int[][] counts = new int[6][10];
    for (int i = 0; i < n; i++) {
      String code = generator.next();
      for (int p = 0; p < 6; p++) {
        counts[p][code.charAt(p) - '0']++;
      }
    }
    double expected = n / 10.0;
    for (int p = 0; p < 6; p++) {
      double chi = 0;
      for (int d = 0; d < 10; d++) {
        chi += Math.pow(counts[p][d] - expected, 2) / expected;
      }
      assertThat(chi).as("chi-square of position %d", p).isLessThan(33.7);
    }
  }

  @Test
  void codesRarelyRepeat() {
    Set<String> seen = new HashSet<>();
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      seen.add(generator.next());
    }
    // birthday bound: about n^2 / (2 * 10^6) = 50 collisions expected among 10k draws
    assertThat(n - seen.size()).isLessThan(120);
  }

  @Test
  void recognisesMalformedCodes() {
    assertThat(CodeGenerator.wellFormed(null)).isFalse();
    assertThat(CodeGenerator.wellFormed("12345")).isFalse();
    assertThat(CodeGenerator.wellFormed("1234567")).isFalse();
    assertThat(CodeGenerator.wellFormed("12a456")).isFalse();
    assertThat(CodeGenerator.wellFormed("１２３４５６")).as("full-width digits").isFalse();
    assertThat(CodeGenerator.wellFormed("000000")).isTrue();
  }
}
