package dev.passbridge.system.observability;

import dev.passbridge.system.observability.PromQl.LabelMatcher;
import dev.passbridge.system.observability.PromQl.Reference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The samples of one or more Prometheus text scrapes ({@code /actuator/prometheus}): per sample
 * name the label sets seen, per family its type. Answers whether a {@link Reference} of a dashboard
 * or rule is exported, with the labels its selector filters on.
 */
public final class ExportedMetrics {
  /** sample name → label sets; family → type. */
  private final Map<String, List<Map<String, String>>> samples = new TreeMap<>();

  private final Map<String, String> families = new TreeMap<>();

  /** Adds one scrape in the Prometheus text format (0.0.4 or OpenMetrics). */
  public ExportedMetrics add(String text) {
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        if (parts.length >= 4) {
          families.put(parts[2], parts[3]);
        }
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        boolean labelled = brace >= 0 && (space < 0 || brace < space);
        String name = line.substring(0, labelled ? brace : space);
        Map<String, String> labels = labelled ? labels(line, brace) : Map.of();
        samples.computeIfAbsent(name, k -> new ArrayList<>()).add(labels);
      }
    }
    return this;
  }

  public Collection<String> sampleNames() {
    return samples.keySet();
  }

  /**
   * Why {@code reference} is not satisfied by these samples, or {@code null} if it is: the sample
   * name must be exported (its family, the base name of a {@code _bucket}/{@code _count}/{@code
   * _sum}, is named in the message), and for every positive matcher some series of it must carry
   * the label ({@code =} on a literal: with that value).
   */
  public String problem(Reference reference) {
    List<Map<String, String>> series = samples.get(reference.metric());
    if (series == null) {
      String family = reference.baseName();
      return families.containsKey(family)
          ? reference.metric()
              + ": family "
              + family
              + " ("
              + families.get(family)
              + ") is exported but not this sample"
          : reference.metric() + ": not exported (family " + family + " unknown)";
    }
    for (LabelMatcher m : reference.matchers()) {
      if (m.op().startsWith("!") || m.value().isEmpty()) {
        continue;
      }
      boolean seen =
          series.stream()
              .anyMatch(
                  labels ->
                      labels.containsKey(m.label())
                          && (!m.literalEquality() || m.value().equals(labels.get(m.label()))));
      if (!seen) {
        return reference.metric()
            + ": no series with "
            + m.label()
            + (m.literalEquality() ? "=\"" + m.value() + "\"" : "")
            + " (label sets seen: "
            + series.stream().map(Map::keySet).distinct().toList()
            + ")";
      }
    }
    return null;
  }

  /**
   * As {@link #problem(Reference)}, except for a metric of {@code bornWithTheirFirstEvent} (name →
   * the labels it is registered with) that is not exported yet: accepted when the reference filters
   * only on those labels.
   */
  public String problem(Reference reference, Map<String, Set<String>> bornWithTheirFirstEvent) {
    Set<String> labels = bornWithTheirFirstEvent.get(reference.metric());
    if (labels != null
        && !samples.containsKey(reference.metric())
        && reference.matchers().stream().allMatch(m -> labels.contains(m.label()))) {
      return null;
    }
    return problem(reference);
  }

  /** The problems of every reference (empty if all are exported). */
  public List<String> problems(Collection<Reference> references) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (Reference r : references) {
      String problem = problem(r);
      if (problem != null) {
        problems.putIfAbsent(problem, problem);
      }
    }
    return List.copyOf(problems.values());
  }

  private static Map<String, String> labels(String line, int brace) {
    Map<String, String> labels = new LinkedHashMap<>();
    int i = brace + 1;
    while (i < line.length() && line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String name = line.substring(i, eq).strip();
      int j = eq + 2; // after ="
      StringBuilder value = new StringBuilder();
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(name, value.toString());
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    return labels;
  }
}
