package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.ingestion.kafka.RecordDecoder;
import dev.sluice.ingestion.parse.JsonItemParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.util.List;

/**
 * Wires the Kafka pipeline when {@code sluice.ingestion.pipeline.enabled=true}. It needs, from the
 * deployable's other adapters, a {@link SchemaCatalog} (registry), an {@link EventLake} (whose
 * claim and release own the stream positions) and a {@link DeadLetterSink} (lake).
 */
@Factory
@Requires(property = "sluice.ingestion.pipeline.enabled", value = "true")
class PipelineFactory {

    @Singleton
    PartitionedSeenEventIndex seenEventIndex(PipelineConfig config) {
        return new PartitionedSeenEventIndex(config.dedupHorizon());
    }

    @Singleton
    @Named("pipeline")
    SeenEventHistory seenEventHistory(LakeCatalogConfig lake) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(lake.catalogName(), lake.icebergProperties(), null);
        TableIdentifier events = TableIdentifier.of(lake.namespace(), "events");
        return new IcebergSeenEventHistory(new java.util.function.Supplier<Table>() {
            private Table table;

            @Override
            public synchronized Table get() {
                if (table == null) {
                    table = catalog.loadTable(events);
                }
                return table;
            }
        });
    }

    @Context
    @Bean(preDestroy = "close")
    LakeWriterPipeline lakeWriterPipeline(PipelineConfig config, List<SourceTopicConfig> sources, JsonItemParser parser,
                                          SchemaCatalog catalog, EventLake lake, DeadLetterSink deadLetters,
                                          PartitionedSeenEventIndex index,
                                          @Named("pipeline") SeenEventHistory history, MeterRegistry registry) {
        KafkaProducer<byte[], byte[]> dlq = config.dlqEnabled() ? Pipelines.dlqProducer(config) : null;
        DeadLetterSink sink = dlq == null ? deadLetters : new DlqPublishingDeadLetterSink(deadLetters, dlq, 30_000);
        KafkaConsumer<byte[], byte[]> consumer = Pipelines.consumer(config);
        RecordDecoder decoder = new RecordDecoder(parser, Pipelines.mappings(config, sources), config.replaySignature());
        LakeWriterLoop loop = new LakeWriterLoop(Pipelines.settings(config, sources), consumer, decoder,
                Pipelines.useCase(config, sources, catalog, index, lake, sink), lake, index, history,
                new PipelineMetrics(registry, index));
        PipelineMetrics.replayOverrides(registry, decoder);
        return dlq == null ? new LakeWriterPipeline(loop).start() : new LakeWriterPipeline(loop, dlq).start();
    }

    @Singleton
    MaintenanceLeadership maintenanceLeadership(LakeWriterPipeline pipeline) {
        return new MaintenanceLeadership() {
            @Override
            public boolean leads() {
                return pipeline.alive() && pipeline.loop().leadsMaintenance();
            }

            @Override
            public String describe() {
                return "the owner of Kafka partition " + pipeline.loop().leaderPartition() + " leads";
            }
        };
    }
}
