package dev.passbridge.bench.load;

import java.util.List;

/** One kind of user journey; an iteration is one journey of one user. */
public interface Scenario {

  /** Short name ({@code password}, {@code upgrade}, {@code passkey}, ...). */
  String name();

  /** The timed steps, in journey order (names unique within a phase). */
  List<String> steps();

  /** Which users it needs ({@link BenchUser.Kind}), or null for none. */
  BenchUser.Kind userKind();

  /**
   * One journey.
   *
   * @throws StepFailed when a step does not get the expected answer (already counted)
   */
  void iteration(VirtualUser vu, BenchUser user, PhaseStats stats);

  /**
   * What a virtual user does once before the phase's clock starts (a login, for a scenario that
   * needs a session), so that the first journeys' latency is not the preparation's. Nothing by
   * default. {@code user} is one of {@link #userKind()}, or null.
   *
   * @throws StepFailed when a step does not get the expected answer
   */
  default void prepare(VirtualUser vu, BenchUser user) {}
}
