package dev.passbridge.examples.shop.login;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Where the shop "e-mails" its second-factor codes in a local run: the last messages in memory,
 * shown on {@code /dev/mail} ({@code shop.dev-mailbox=true}). A real shop sends an e-mail instead;
 * the code itself is stored only as a hash.
 */
public final class DevMailbox {
  /** One message. */
  public record Mail(String to, String subject, String body, Instant sentAt) {}

  private static final int KEEP = 50;
  private final Deque<Mail> mails = new ArrayDeque<>();

  public synchronized void send(Mail mail) {
    mails.addFirst(mail);
    while (mails.size() > KEEP) {
      mails.removeLast();
    }
  }

  /** The newest first; all of them when {@code to} is blank. */
  public synchronized List<Mail> inbox(String to) {
    String wanted = to == null ? "" : to.trim().toLowerCase(Locale.ROOT);
    return mails.stream().filter(m -> wanted.isEmpty() || m.to().equals(wanted)).toList();
  }
}
