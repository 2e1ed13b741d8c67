package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.List;

/** The schema catalog contract, against its fake. */
class InMemorySchemaCatalogContractTest extends AbstractSchemaCatalogContractTest {

    @Override
    protected SchemaCatalog catalogHolding(List<SchemaVersion> versions) {
        InMemorySchemaCatalog catalog = new InMemorySchemaCatalog();
        versions.forEach(v -> catalog.register(TestRuleCompiler.compileAll(v)));
        return catalog;
    }
}
