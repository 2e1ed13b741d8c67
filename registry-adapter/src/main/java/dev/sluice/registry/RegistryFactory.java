package dev.sluice.registry;

import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Wires the plain classes of the registry (no Micronaut type reaches them). */
@Factory
class RegistryFactory {

    @Singleton
    RuleCompiler ruleCompiler() {
        return new CelRuleCompiler();
    }

    @Singleton
    SchemaParser schemaParser(RuleCompiler rules) {
        return new SchemaParser(rules);
    }

    @Singleton
    @Bean(typed = {SchemaCatalog.class, CachingSchemaCatalog.class})
    CachingSchemaCatalog schemaCatalog(RegistryStore store, RuleCompiler rules) {
        return new CachingSchemaCatalog(new CachingSchemaCatalog.Loader() {
            @Override
            public Optional<StoredVersion> latest(String subject) {
                return store.latest(subject);
            }

            @Override
            public Optional<StoredVersion> version(String subject, int version) {
                return store.anyVersion(subject, version);
            }

            @Override
            public Optional<StoredVersion> byId(long id) {
                return store.byId(id);
            }
        }, rules);
    }
}
