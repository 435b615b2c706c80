package dev.passbridge.system.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small PromQL tokenizer that finds the metrics an expression reads: identifiers that are not
 * functions (followed by {@code (}), keywords, label names (inside {@code {...}} or a grouping list
 * {@code by (...)}), durations ({@code [5m]}) or Grafana variables ({@code $__rate_interval},
 * {@code ${platform}}). Enough for the dashboards and rules we write, not a full parser.
 */
public final class PromQl {
  private PromQl() {}

  /** A label matcher of a selector: {@code name op "value"}. */
  public record LabelMatcher(String label, String op, String value) {
    /** An equality on a literal value (no Grafana variable in it). */
    boolean literalEquality() {
      return op.equals("=") && !value.isEmpty() && !value.contains("$");
    }
  }

  /** A metric an expression reads, with the label matchers of its selector. */
  public record Reference(String metric, List<LabelMatcher> matchers) {
    /**
     * The metric family: {@code x_seconds} for {@code x_seconds_bucket}, {@code _count} or {@code
     * _sum}.
     */
    public String baseName() {
      for (String suffix : List.of("_bucket", "_count", "_sum")) {
        if (metric.endsWith(suffix)) {
          return metric.substring(0, metric.length() - suffix.length());
        }
      }
      return metric;
    }
  }

  static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan",
          "atan2",
          "start",
          "end");

  /**
   * Aggregation operators: followed by {@code (} or by a grouping clause ({@code sum by (le)
   * (...)}).
   */
  static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");

  /** Keywords followed by a parenthesised list of label names. */
  static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\(\\s*(.*?)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");

  /**
   * The metrics a Grafana variable query reads: {@code label_values(metric{...}, label)} reads the
   * metric and needs the label; anything else is taken as PromQL.
   */
  public static List<Reference> variableQuery(String query) {
    java.util.regex.Matcher values = LABEL_VALUES.matcher(query);
    if (values.matches()) {
      List<Reference> found = new ArrayList<>();
      for (Reference r : references(values.group(1))) {
        List<LabelMatcher> matchers = new ArrayList<>(r.matchers());
        matchers.add(new LabelMatcher(values.group(2), "=~", ".+"));
        found.add(new Reference(r.metric(), List.copyOf(matchers)));
      }
      return found;
    }
    return references(query);
  }

  /** Every metric selector in a PromQL expression, in order. */
  public static List<Reference> references(String expr) {
    List<Reference> found = new ArrayList<>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && expr.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '[') {
        i = skipTo(expr, i, ']');
      } else if (c == '$') {
        i++;
        if (i < n && expr.charAt(i) == '{') {
          i = skipTo(expr, i, '}');
        } else {
          while (i < n && isIdentifierPart(expr.charAt(i))) {
            i++;
          }
        }
      } else if (c == '{') {
        // a selector without a metric name: {__name__="x", ...}
        List<LabelMatcher> matchers = new ArrayList<>();
        i = matchers(expr, i, matchers);
        for (LabelMatcher m : matchers) {
          if (m.label().equals("__name__") && m.literalEquality()) {
            found.add(new Reference(m.value(), without(matchers, "__name__")));
          }
        }
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
        // numbers and durations: 0.99, 1e3, 5m, 1h30m
        while (i < n && (isIdentifierPart(expr.charAt(i)) || expr.charAt(i) == '.')) {
          i++;
        }
      } else if (isIdentifierStart(c)) {
        int start = i;
        while (i < n && isIdentifierPart(expr.charAt(i))) {
          i++;
        }
        String word = expr.substring(start, i);
        int next = skipWhitespace(expr, i);
        char following = next < n ? expr.charAt(next) : 0;
        if (GROUPING.contains(word.toLowerCase())) {
          if (following == '(') {
            i = skipTo(expr, next, ')');
          }
        } else if (KEYWORDS.contains(word.toLowerCase())
            || AGGREGATIONS.contains(word.toLowerCase())
            || following == '(') {
          // keyword, function or aggregation
        } else if (following == '{') {
          List<LabelMatcher> matchers = new ArrayList<>();
          i = matchers(expr, next, matchers);
          found.add(new Reference(word, List.copyOf(matchers)));
        } else {
          found.add(new Reference(word, List.of()));
        }
      } else {
        i++;
      }
    }
    return found;
  }

  private static List<LabelMatcher> without(List<LabelMatcher> matchers, String label) {
    return matchers.stream().filter(m -> !m.label().equals(label)).toList();
  }

  /** Parses {@code {a="x", b=~"y"}} from the brace at {@code i}; returns the index after it. */
  private static int matchers(String expr, int i, List<LabelMatcher> into) {
    int n = expr.length();
    i++; // '{'
    while (i < n) {
      i = skipWhitespace(expr, i);
      if (i >= n) {
        break;
      }
      char c = expr.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isIdentifierPart(expr.charAt(i))) {
        i++;
      }
      String label = expr.substring(start, i);
      i = skipWhitespace(expr, i);
      int opStart = i;
      while (i < n && "=!~".indexOf(expr.charAt(i)) >= 0) {
        i++;
      }
      String op = expr.substring(opStart, i);
      i = skipWhitespace(expr, i);
      if (label.isEmpty() || op.isEmpty() || i >= n) {
        throw new IllegalArgumentException("cannot read the selector in: " + expr);
      }
      int end = skipString(expr, i);
      into.add(new LabelMatcher(label, op, unquote(expr.substring(i, end))));
      i = end;
    }
    throw new IllegalArgumentException("unclosed selector in: " + expr);
  }

  private static String unquote(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    return literal.charAt(0) == '`' ? body : body.replace("\\\\", "\\").replace("\\\"", "\"");
  }

  private static int skipString(String expr, int i) {
    char quote = expr.charAt(i);
    int n = expr.length();
    i++;
    while (i < n && expr.charAt(i) != quote) {
      if (expr.charAt(i) == '\\' && quote != '`') {
        i++;
      }
      i++;
    }
    if (i >= n) {
      throw new IllegalArgumentException("unclosed string in: " + expr);
    }
    return i + 1;
  }

  /** From an opening bracket at {@code i} to after its closing one (nesting of the same kind). */
  private static int skipTo(String expr, int i, char close) {
    char open = expr.charAt(i);
    int depth = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unclosed " + open + " in: " + expr);
  }

  private static int skipWhitespace(String expr, int i) {
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
