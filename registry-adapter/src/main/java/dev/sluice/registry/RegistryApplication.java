package dev.sluice.registry;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;

/** Runs the schema registry on its own. The OpenAPI document is served at {@code /openapi/sluice-registry-0.1.yml}. */
@OpenAPIDefinition(
        info = @Info(title = "sluice-registry", version = "0.1",
                description = "Sluice's schema registry: Confluent-shaped subjects, versions, compatibility and config, "
                        + "plus diffs, PII classes and BREAKING resolution."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "X-API-Key")
public final class RegistryApplication {

    private RegistryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(RegistryApplication.class, args);
    }
}
