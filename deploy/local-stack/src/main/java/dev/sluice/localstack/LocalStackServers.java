package dev.sluice.localstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real servers a test class needs. Each starts once per test JVM, the first time a class asks
 * for it, and is shared by all later classes; tests stay isolated through their own topics,
 * databases, buckets and namespaces.
 *
 * <pre>{@code
 * @LocalStackServers({Server.POSTGRES, Server.KAFKA})
 * class RegistryIT {
 *     @Test
 *     void storesASchema(PostgresEndpoint postgres, KafkaEndpoint kafka) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface LocalStackServers {
    Server[] value();
}
