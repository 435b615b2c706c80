package dev.passbridge.platform.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing secrets as Spring Boot's "APPLICATION FAILED TO START" report, no trace. */
public final class MissingSecretsFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingSecretsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set each variable listed above to a per-deployment value (in compose from .env, see"
            + " .env.example; in Kubernetes from the Secrets of deploy/k8s/secret.example.yaml),"
            + " or run with the local profile for development.",
        cause);
  }
}
