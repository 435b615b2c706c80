package dev.passbridge.intelligence.login;

import java.time.Duration;

/**
 * How the login join handles time.
 *
 * @param joinWindow how long after PasswordAuthenticated a second factor still joins its login
 * @param timeoutGrace extra wall-clock time before a login times out on a partition whose stream
 *     time stands still
 * @param punctuateInterval how often expired logins and old decided marks are swept
 * @param decidedRetention how long a decided login is remembered (and older login events ignored)
 */
public record LoginSettings(
    Duration joinWindow,
    Duration timeoutGrace,
    Duration punctuateInterval,
    Duration decidedRetention) {}
