package dev.passbridge.journeysupport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the system acknowledged to the simulated browsers during a scenario: each acknowledged step
 * promises an event (docs/architecture.md §4 and §7: an HTTP answer never claims a step Kafka did
 * not take, and the outbox never loses a committed passkey).
 */
public final class Ledger {
  /** Password logins answered 200 (each promises one PasswordAuthenticated and one SMS). */
  public final Set<String> passwordLogins = ConcurrentHashMap.newKeySet();

  /** Codes accepted with 204 (each promises one OtpVerified and one decision). */
  public final Set<String> verified = ConcurrentHashMap.newKeySet();

  /** Sessions issued (each promises one LoginSucceeded). */
  public final Set<String> sessions = ConcurrentHashMap.newKeySet();

  /** Passkeys answered 201 (each promises one PasskeyCreated). */
  public final Set<String> credentials = ConcurrentHashMap.newKeySet();

  /** Passkey logins answered 200 (each promises one PasskeyAuthenticated). */
  public final Set<String> passkeyLogins = ConcurrentHashMap.newKeySet();

  /** The phone of each acknowledged password login (each promises one SMS to it). */
  public final Map<String, String> phones = new ConcurrentHashMap<>();

  /** Login attempts per phone answered 502/503/504: each may have sent an SMS anyway. */
  public final Map<String, Integer> ambiguousLogins = new ConcurrentHashMap<>();
}
