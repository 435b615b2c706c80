package dev.passbridge.bench.keycloak;

import dev.passbridge.bench.load.BenchUser;
import dev.passbridge.bench.load.Browsers;
import dev.passbridge.bench.load.PhaseStats;
import dev.passbridge.bench.load.Scenario;
import dev.passbridge.bench.load.StepFailed;
import dev.passbridge.bench.load.VirtualUser;
import java.util.List;
import java.util.Map;

/**
 * A password login at Keycloak: one OAuth 2 password grant (Resource Owner Password Credentials,
 * {@code POST /realms/<realm>/protocol/openid-connect/token}) per login, answered with an access
 * and a refresh token. The virtual user's "gateway" is Keycloak itself.
 */
public final class KeycloakLogin implements Scenario {
  static final String STEP = "keycloak.token";
  private static final String PATH =
      "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/token";

  @Override
  public String name() {
    return "keycloak";
  }

  @Override
  public List<String> steps() {
    return List.of(STEP);
  }

  @Override
  public BenchUser.Kind userKind() {
    return BenchUser.Kind.PASSWORD;
  }

  @Override
  public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
    vu.newSession(Browsers.FIREFOX_WINDOWS);
    var reply =
        stats.call(
            STEP,
            200,
            () ->
                vu.gateway()
                    .postForm(
                        PATH,
                        Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            KeycloakServer.CLIENT,
                            "username",
                            user.username(),
                            "password",
                            user.password())));
    if (reply.text("access_token") == null) {
      throw new StepFailed(STEP, "no access_token", reply.toString());
    }
  }
}
