package dev.passbridge.platform.secrets;

import java.util.List;

/** A service outside the local profile lacks real values for some of its secrets. */
public final class MissingSecretsException extends IllegalStateException {
  private final transient List<SecretsCheck.Problem> problems;

  public MissingSecretsException(String service, List<SecretsCheck.Problem> problems) {
    super(SecretsCheck.message(service, problems));
    this.problems = List.copyOf(problems);
  }

  /** The environment variables to set (or to change), in declaration order. */
  public List<String> environmentVariables() {
    return problems.stream().map(p -> p.secret().environmentVariable()).toList();
  }
}
