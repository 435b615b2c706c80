package dev.passbridge.passkey.connect;

import dev.passbridge.passkey.loginresult.LoginResultKeys;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json} of passkey-service: the public login-result key(s). The
 * gateway merges them with auth-service's session keys into the public {@code
 * /.well-known/jwks.json}.
 */
@RestController
public class JwksController {
  private final LoginResultKeys keys;

  public JwksController(LoginResultKeys keys) {
    this.keys = keys;
  }

  @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
  public ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
        .body(keys.publicKeys().toJSONObject(true));
  }
}
