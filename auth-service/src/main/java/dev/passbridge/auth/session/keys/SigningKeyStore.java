package dev.passbridge.auth.session.keys;

import java.util.List;

/** Where the signing keys persist (database), shared by all instances. */
public interface SigningKeyStore {

  List<SigningKey> loadAll();

  /** {@code false} when another instance stored that generation first. */
  boolean insert(SigningKey key);

  void delete(String kid);
}
