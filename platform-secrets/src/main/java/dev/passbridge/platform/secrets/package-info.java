/**
 * Secure defaults: outside the {@code local} profile a service refuses to start while a secret it
 * declares in {@code passbridge.secrets.required} is missing or a published demo value, or while a
 * configured Connect client uses the demo client's secret hash.
 *
 * <p>Its own module, {@code platform-secrets}, so that the four servlet services (through {@code
 * platform}) and the reactive gateway (which does not depend on {@code platform}) run one check:
 * the listener and the failure analyzer need Spring Boot's core ({@code spring-boot}, no web
 * stack), which {@code platform-core} must not depend on (it stays framework-free, {@code
 * PlatformCoreArchitectureTest}), and the rules ({@link
 * dev.passbridge.platform.secrets.SecretsCheck}, {@link
 * dev.passbridge.platform.secrets.RequiredSecret}) stay in the same package as the listener rather
 * than split across two jars. {@code META-INF/spring.factories} registers the listener and the
 * failure analyzer wherever this jar is on the class path.
 */
package dev.passbridge.platform.secrets;
