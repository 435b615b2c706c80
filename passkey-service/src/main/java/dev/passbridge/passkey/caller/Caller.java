package dev.passbridge.passkey.caller;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectToken;
import dev.passbridge.platform.core.session.Session;
import java.util.List;
import java.util.UUID;

/** The verified caller of a browser-API endpoint. */
public sealed interface Caller {

  UUID userId();

  /**
   * The login this caller may act for ({@code null}: any login of the user). A session's own login
   * is not a restriction (a hosted session may finish any of its user's ceremonies, as before); an
   * append token is bound to the login its platform reported.
   */
  String boundLoginId();

  /** The login whose upgrade decision the caller waits for. */
  String loginId();

  /** The connect tenant ({@code null}: hosted). */
  String tenant();

  /** The tenant's own id of the user ({@code null}: hosted). */
  String externalUserId();

  /**
   * The origins a browser may name in {@code clientDataJSON.origin} for this caller: the connect
   * client's ({@code null}: hosted, the configured ones).
   */
  List<String> webAuthnOrigins();

  /** A hosted session (cookie). */
  record Hosted(Session session) implements Caller {
    @Override
    public UUID userId() {
      return session.userId();
    }

    @Override
    public String boundLoginId() {
      return null;
    }

    @Override
    public String loginId() {
      return session.sessionId();
    }

    @Override
    public String tenant() {
      return null;
    }

    @Override
    public String externalUserId() {
      return null;
    }

    @Override
    public List<String> webAuthnOrigins() {
      return null;
    }
  }

  /** A connect token (Bearer) of a connect client. */
  record Connect(ConnectToken token, ConnectClient client) implements Caller {
    @Override
    public UUID userId() {
      return token.userId();
    }

    @Override
    public String boundLoginId() {
      return token.loginId();
    }

    @Override
    public String loginId() {
      return token.loginId();
    }

    @Override
    public String tenant() {
      return token.tenant();
    }

    @Override
    public String externalUserId() {
      return token.externalUserId();
    }

    @Override
    public List<String> webAuthnOrigins() {
      return client.origins();
    }
  }
}
