package dev.passbridge.auth.connect;

import dev.passbridge.platform.core.connect.ConnectToken;
import java.time.Instant;

/** Signs connect tokens with the current session signing key ({@code typ connect+jwt}). */
public interface ConnectTokenSigner {
  String sign(ConnectToken token, Instant issuedAt);
}
