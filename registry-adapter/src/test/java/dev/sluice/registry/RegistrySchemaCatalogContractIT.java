package dev.sluice.registry;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.AbstractSchemaCatalogContractTest;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain's {@link SchemaCatalog} contract, run against the registry adapter on a real PostgreSQL:
 * each test gets a fresh database, registers its versions through the registry, and reads them
 * back through the cached catalog.
 */
@LocalStackServers({Server.POSTGRES})
class RegistrySchemaCatalogContractIT extends AbstractSchemaCatalogContractTest {

    private ApplicationContext context;

    @Override
    protected SchemaCatalog catalogHolding(List<SchemaVersion> versions) {
        Map<String, Object> p = new HashMap<>(RegistryTestStack.properties("contract", false));
        p.put("sluice.registry.builtins", "false");
        context = ApplicationContext.run(p);
        RegistryService registry = context.getBean(RegistryService.class);
        for (SchemaVersion v : versions) {
            registry.register(v.subject().name(), "JSON", jsonSchema(v), null, "contract-test");
        }
        return context.getBean(SchemaCatalog.class);
    }

    /** The contract's versions are flat lists of optional strings; this writes them as JSON Schema. */
    private static String jsonSchema(SchemaVersion v) {
        StringBuilder sb = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < v.fields().size(); i++) {
            Field f = v.fields().get(i);
            if (f.type() != FieldType.STRING || f.required()) {
                throw new IllegalArgumentException("extend jsonSchema() for " + f);
            }
            sb.append(i == 0 ? "" : ",").append('"').append(f.name()).append("\":{\"type\":\"string\"}");
        }
        return sb.append("}}").toString();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }
}
