package dev.sluice.ingestion.pipeline;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;

/** Readiness follows the pipeline: DOWN while its loop is failed, stopped or retrying a batch. */
@Singleton
@Readiness
@Requires(beans = LakeWriterPipeline.class)
class PipelineReadiness implements HealthIndicator {

    private final LakeWriterPipeline pipeline;

    PipelineReadiness(LakeWriterPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        LakeWriterLoop.State state = pipeline.loop().state();
        boolean up = state == LakeWriterLoop.State.RUNNING || state == LakeWriterLoop.State.STARTING;
        return Publishers.just(HealthResult.builder("sluice-pipeline", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name(), "batches", pipeline.loop().batches(),
                        "items", pipeline.loop().itemsCommitted()))
                .build());
    }
}
