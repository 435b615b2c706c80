package dev.passbridge.passkey.caller;

import dev.passbridge.platform.core.connect.ConnectScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller parameter of type {@link Caller}: the request must carry a valid session cookie
 * or a connect token of {@link #scope()}; otherwise it is answered before the handler runs (401
 * {@code unauthenticated}, 403 {@code insufficient-scope} or {@code origin-not-allowed}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CurrentCaller {
  /** The scope a connect token needs here. */
  ConnectScope scope();
}
