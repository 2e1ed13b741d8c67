package dev.sluice.localstack;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives tests real servers, started once per test JVM and shared by all test classes.
 *
 * <ol>
 *   <li>Before a class runs, the servers named by its {@link LocalStackServers} start, unless
 *       they already run.</li>
 *   <li>A test or constructor parameter of type {@link Endpoints}, {@code KafkaEndpoint},
 *       {@code PostgresEndpoint}, {@code S3Endpoint}, {@code IcebergEndpoint} or
 *       {@code TrinoEndpoint} is resolved; the servers it needs are started if the annotation
 *       did not name them.</li>
 *   <li>The stack stops when the test JVM exits (a shutdown hook), and its children stop even if
 *       the JVM is killed.</li>
 * </ol>
 *
 * The configuration comes from system properties and environment variables, see
 * {@link LocalStackConfig#fromSystemProperties()}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static LocalStack shared;

    /** The JVM-wide stack, started with the given servers if they are not running yet. */
    public static synchronized LocalStack shared(Set<Server> servers) {
        if (shared == null) {
            shared = LocalStack.start(LocalStackConfig.fromSystemProperties().build());
        }
        shared.ensure(servers);
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(annotated(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return needs(parameterContext.getParameter().getType()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        Set<Server> servers = EnumSet.copyOf(needs(type).orElseThrow(() ->
                new ParameterResolutionException("The local stack cannot resolve a parameter of type " + type.getName())));
        servers.addAll(annotated(extensionContext));
        Endpoints endpoints = shared(servers).endpoints();
        if (type == Endpoints.class) {
            return endpoints;
        }
        if (type == Endpoints.KafkaEndpoint.class) {
            return endpoints.kafka();
        }
        if (type == Endpoints.PostgresEndpoint.class) {
            return endpoints.postgres();
        }
        if (type == Endpoints.S3Endpoint.class) {
            return endpoints.s3();
        }
        if (type == Endpoints.IcebergEndpoint.class) {
            return endpoints.iceberg();
        }
        return endpoints.trino();
    }

    private static Optional<Set<Server>> needs(Class<?> type) {
        if (type == Endpoints.class) {
            return Optional.of(EnumSet.noneOf(Server.class));
        }
        if (type == Endpoints.KafkaEndpoint.class) {
            return Optional.of(EnumSet.of(Server.KAFKA));
        }
        if (type == Endpoints.PostgresEndpoint.class) {
            return Optional.of(EnumSet.of(Server.POSTGRES));
        }
        if (type == Endpoints.S3Endpoint.class) {
            return Optional.of(EnumSet.of(Server.S3));
        }
        if (type == Endpoints.IcebergEndpoint.class) {
            boolean s3Warehouse = LocalStackConfig.fromSystemProperties().build().warehouse() == LocalStackConfig.WarehouseKind.S3;
            return Optional.of(s3Warehouse ? EnumSet.of(Server.POSTGRES, Server.S3) : EnumSet.of(Server.POSTGRES));
        }
        if (type == Endpoints.TrinoEndpoint.class) {
            return Optional.of(EnumSet.of(Server.TRINO));
        }
        return Optional.empty();
    }

    private static Set<Server> annotated(ExtensionContext context) {
        EnumSet<Server> servers = EnumSet.noneOf(Server.class);
        Optional<ExtensionContext> current = Optional.of(context);
        while (current.isPresent()) {
            current.get().getTestClass()
                    .flatMap(testClass -> AnnotationSupport.findAnnotation(testClass, LocalStackServers.class))
                    .ifPresent(annotation -> servers.addAll(Set.of(annotation.value())));
            current = current.get().getParent();
        }
        return servers;
    }
}
