package dev.passbridge.system.observability;

import dev.passbridge.system.observability.PromQl.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The PromQL of {@code deploy/observability}: every {@code expr} of a Grafana dashboard (panels,
 * rows' panels, at any depth), its query variables, and every {@code expr} of a Prometheus rules
 * file ({@code groups[].rules[]}, plain or inside a PrometheusRule's {@code spec}).
 */
public final class ObservabilityFiles {
  private ObservabilityFiles() {}

  /** An expression and where it was found (for messages). */
  public record Expression(String where, String expr, boolean variableQuery) {
    public List<Reference> references() {
      return variableQuery ? PromQl.variableQuery(expr) : PromQl.references(expr);
    }
  }

  public static List<Expression> dashboard(String json) {
    JsonNode root = JsonMapper.builder().build().readTree(json);
    List<Expression> found = new ArrayList<>();
    collectTargets(root.path("title").asString(""), root.path("panels"), found);
    for (JsonNode variable : root.path("templating").path("list")) {
      if (variable.path("type").asString("").equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asString("") : query.asString("");
        if (!text.isBlank()) {
          found.add(new Expression("variable " + variable.path("name").asString(), text, true));
        }
      }
    }
    return found;
  }

  private static void collectTargets(String where, JsonNode panels, List<Expression> into) {
    for (JsonNode panel : panels) {
      String title = where + " / " + panel.path("title").asString("");
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (!expr.isBlank()) {
          into.add(new Expression(title, expr, false));
        }
      }
      collectTargets(title, panel.path("panels"), into);
    }
  }

  public static List<Expression> rules(String yaml) {
    JsonNode root = YAMLMapper.builder().build().readTree(yaml);
    JsonNode groups = root.has("spec") ? root.path("spec").path("groups") : root.path("groups");
    List<Expression> found = new ArrayList<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        String name =
            rule.has("alert") ? rule.path("alert").asString() : rule.path("record").asString();
        found.add(
            new Expression(
                group.path("name").asString() + " / " + name, rule.path("expr").asString(), false));
      }
    }
    return found;
  }

  /**
   * Every expression of the dashboards ({@code *.json}) and rules ({@code *.yaml}) in {@code dir}.
   */
  public static List<Expression> all(Path dir) throws IOException {
    List<Expression> found = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
          found.addAll(dashboard(Files.readString(file)));
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          found.addAll(rules(Files.readString(file)));
        }
      }
    }
    return found;
  }
}
