package dev.passbridge.gateway.session.internal;

import static dev.passbridge.gateway.session.internal.ProtectedRoutes.Requirement.ADMIN;
import static dev.passbridge.gateway.session.internal.ProtectedRoutes.Requirement.NONE;
import static dev.passbridge.gateway.session.internal.ProtectedRoutes.Requirement.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectedRoutesTest {

  @ParameterizedTest
  @CsvSource({
    "/api/me, SESSION",
    "/api/passkeys, SESSION",
    "/api/passkeys/cred-123, SESSION",
    "/api/passkeys/upgrade, SESSION",
    "/api/passkeys/upgrade/outcome, SESSION",
    "/api/passkeys/registrations, SESSION",
    "/api/passkeys/some-future-endpoint, SESSION",
    "/api/insights/funnel, ADMIN",
    "/api/insights/rules, ADMIN",
    "/api/admin/account-erasures, ADMIN",
    "/api/admin, ADMIN",
    "/api/admin/some-future-tool, ADMIN",
    "/api/administrator, NONE",
    "/api/passkeys/login, NONE",
    "/api/passkeys/login/options, NONE",
    "/api/auth/login, NONE",
    "/api/auth/session, NONE",
    "/api/auth/logout, NONE",
    "/api/otp/verify, NONE",
    "/api/dev/sms, NONE",
    "/.well-known/jwks.json, NONE",
    "/index.html, NONE",
    "/api/mexico, NONE"
  })
  void knowsWhichPathsNeedASession(String path, ProtectedRoutes.Requirement expected) {
    assertThat(ProtectedRoutes.requirementFor(path)).isEqualTo(expected);
    assertThat(expected).isIn(NONE, SESSION, ADMIN);
  }
}
