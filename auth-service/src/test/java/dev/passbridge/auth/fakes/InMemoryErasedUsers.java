package dev.passbridge.auth.fakes;

import dev.passbridge.auth.connect.ErasedUsers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Test double of the erased-id marks (no expiry: unit tests do not outlive one). */
public class InMemoryErasedUsers implements ErasedUsers {
  private final Set<String> marks = new HashSet<>();

  @Override
  public synchronized void mark(String tenant, String externalUserId, Duration lifetime) {
    marks.add(tenant + "/" + externalUserId);
  }

  @Override
  public synchronized boolean marked(String tenant, String externalUserId) {
    return marks.contains(tenant + "/" + externalUserId);
  }
}
