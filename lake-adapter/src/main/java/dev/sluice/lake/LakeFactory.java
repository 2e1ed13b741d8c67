package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the lake's ports from {@code sluice.lake.*}. The only place with Micronaut annotations. */
@Factory
class LakeFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ExactlyOnceLake eventLake(LakeConfiguration config, SchemaCatalog schemas) {
        return Lakes.open(config.catalogName(), config.icebergProperties(), schemas, config.settings(),
                new WriterEpoch(config.writerId(), 0));
    }

    @Singleton
    DeadLetterSink deadLetterSink(ExactlyOnceLake lake, LakeConfiguration config) {
        return Lakes.deadLetterSink(lake, config.writerId());
    }

    @Singleton
    CommitPolicy commitPolicy(LakeConfiguration config) {
        return config.commitPolicy();
    }

    @Singleton
    LakeCatalogSpec lakeCatalogSpec(LakeConfiguration config) {
        return new LakeCatalogSpec(config.catalogName(), config.icebergProperties(), config.namespace());
    }
}
