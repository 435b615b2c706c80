package dev.passbridge.platform.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller parameter of type {@link dev.passbridge.platform.core.session.Session}: the
 * request must carry a valid session, otherwise it is answered with 401 {@code unauthenticated}
 * before the handler runs. With {@code role}, a session without that role gets 403 {@code
 * forbidden}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CurrentSession {
  String role() default "";
}
