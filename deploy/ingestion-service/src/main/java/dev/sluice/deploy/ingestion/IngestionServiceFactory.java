package dev.sluice.deploy.ingestion;

import java.util.Set;

import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.ingestion.pipeline.LakePositions;
import dev.sluice.lake.ExactlyOnceLake;
import dev.sluice.lake.WriterEpoch;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The composition of the ingestion deployable: the pipeline (ingestion-adapter) owns its Kafka
 * offsets through the lake (lake-adapter), and adapters never import each other, so the bridge
 * lives here.
 */
@Factory
class IngestionServiceFactory {

    @Singleton
    @Requires(property = "sluice.ingestion.pipeline.enabled", value = "true")
    LakePositions lakePositions(ExactlyOnceLake lake) {
        return new LakePositions() {
            @Override
            public StreamPositions claim(String writerId, int epoch, Set<TopicPartition> partitions) {
                return lake.claim(new WriterEpoch(writerId, epoch), partitions);
            }

            @Override
            public void release(Set<TopicPartition> partitions) {
                lake.release(partitions);
            }
        };
    }
}
