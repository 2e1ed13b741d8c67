package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.model.lateness.LatenessWindow;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;

import java.time.Duration;
import java.util.Map;

/**
 * The Kafka pipeline ({@code sluice.ingestion.pipeline.*}).
 *
 * @param enabled run the pipeline (the deployable turns it on; the collector alone leaves it off)
 * @param bootstrapServers the Kafka brokers
 * @param rawTopic the raw topic, always consumed, envelope v1
 * @param groupId the consumer group
 * @param writerId the lake writer id of this pipeline
 * @param maxBatchEvents items that close a batch
 * @param maxBatchInterval age of a batch's first item that closes it
 * @param caughtUpBatchEvents items from which a batch is closed as soon as the consumer has read every
 *                            partition it owns to the end, without waiting for {@code maxBatchInterval}
 *                            (default 20,000, a tenth of a full batch; 0 turns it off)
 * @param pollTimeout the longest wait of one poll
 * @param maxPollRecords records per poll, one chunk of the session (default 500, ADR-083)
 * @param dlqEnabled publish dead letters to {@code {topic}.dlq} too
 * @param onTimeThreshold delay up to which an event is on time
 * @param lateWindow delay up to which a late event is still stored
 * @param futureSkew how far event time may be ahead of ingest time
 * @param ingestTimeJitter how far record timestamps (CreateTime) may go back within a partition; added to the dedup horizon
 * @param unknownSubjects default policy for subjects without a schema
 * @param fingerprintSecret the key of content fingerprints (at least 16 bytes)
 * @param piiKeyId the id of the PII pseudonymisation key
 * @param piiSecret the PII key (at least 32 bytes); keep it outside the lake
 * @param retryBackoff the first wait after an infrastructure failure (doubled up to 30 s)
 * @param consumerProperties further Kafka consumer properties, as they are
 * @param replaySecret the secret that signs replay overrides (at least 16 bytes), or null: every
 *                     override is then refused ({@code DeadLetterReplay} signs with the same secret)
 */
@ConfigurationProperties("sluice.ingestion.pipeline")
public record PipelineConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "telemetry.events.raw") String rawTopic,
        @Bindable(defaultValue = "sluice-lake-writer") String groupId,
        @Bindable(defaultValue = "sluice-lake-writer") String writerId,
        @Bindable(defaultValue = "200000") int maxBatchEvents,
        @Bindable(defaultValue = "5s") Duration maxBatchInterval,
        @Bindable(defaultValue = "20000") int caughtUpBatchEvents,
        @Bindable(defaultValue = "200ms") Duration pollTimeout,
        @Bindable(defaultValue = "500") int maxPollRecords,
        @Bindable(defaultValue = "true") boolean dlqEnabled,
        @Bindable(defaultValue = "15m") Duration onTimeThreshold,
        @Bindable(defaultValue = "48h") Duration lateWindow,
        @Bindable(defaultValue = "5m") Duration futureSkew,
        @Bindable(defaultValue = "5m") Duration ingestTimeJitter,
        @Bindable(defaultValue = "DISCOVER") UnknownSubjectMode unknownSubjects,
        @Nullable String fingerprintSecret,
        @Bindable(defaultValue = "k1") String piiKeyId,
        @Nullable String piiSecret,
        @Bindable(defaultValue = "500ms") Duration retryBackoff,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW) Map<String, String> consumerProperties,
        @Nullable String replaySecret) {

    public LatenessWindow latenessWindow() {
        return new LatenessWindow(onTimeThreshold, lateWindow, futureSkew);
    }

    /** The seen-event index's horizon: the late window plus the future skew plus the tolerated jitter. */
    public Duration dedupHorizon() {
        return latenessWindow().dedupHorizon().plus(ingestTimeJitter);
    }

    /** The verifier of replay overrides, or null when no replay secret is configured. */
    public dev.sluice.ingestion.kafka.ReplaySignature replaySignature() {
        return replaySecret == null || replaySecret.isBlank() ? null
                : dev.sluice.ingestion.kafka.ReplaySignature.withSecret(replaySecret);
    }

    public Map<String, String> consumerPropertiesOrEmpty() {
        return consumerProperties == null ? Map.of() : consumerProperties;
    }
}
