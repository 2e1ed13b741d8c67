package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import dev.sluice.ingestion.kafka.RecordDecoder;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import dev.sluice.lake.ExactlyOnceLake;
import dev.sluice.lake.LakeSettings;
import dev.sluice.lake.Lakes;
import dev.sluice.domain.model.ingest.WriterEpoch;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pipeline on the real lake (lake-adapter, test scope only), wired exactly as
 * {@link PipelineFactory} wires it, without Micronaut: for the end-to-end test, the crash-test child
 * and the benchmark.
 */
final class LakeHarness {

    /** The replay secret of the harness's pipelines (DeadLetterReplay signs with it in the tests). */
    static final String REPLAY_SECRET = "test-replay-secret-0123456789abcdef";

    private LakeHarness() {
    }

    static PipelineConfig config(String bootstrap, String rawTopic, int maxBatchEvents, Duration interval) {
        return new PipelineConfig(true, bootstrap, rawTopic, "sluice-lake-writer-" + rawTopic, "writer-" + rawTopic,
                maxBatchEvents, interval, 20_000, Duration.ofMillis(200), 500, true, Duration.ofMinutes(15),
                Duration.ofHours(48), Duration.ofMinutes(5), Duration.ofMinutes(5),
                dev.sluice.domain.model.ingest.UnknownSubjectMode.DISCOVER,
                "test-fingerprint-secret-0123456789", "k1", "test-pii-secret-0123456789abcdef0123456789",
                Duration.ofMillis(200), Map.of(), REPLAY_SECRET);
    }

    /** The same, with a 6 s session so that a killed child's partitions move on quickly (crash test). */
    static PipelineConfig fastFailoverConfig(String bootstrap, String rawTopic, int maxBatchEvents, Duration interval) {
        PipelineConfig c = config(bootstrap, rawTopic, maxBatchEvents, interval);
        return new PipelineConfig(c.enabled(), c.bootstrapServers(), c.rawTopic(), c.groupId(), c.writerId(),
                c.maxBatchEvents(), c.maxBatchInterval(), c.caughtUpBatchEvents(), c.pollTimeout(), c.maxPollRecords(), c.dlqEnabled(),
                c.onTimeThreshold(), c.lateWindow(), c.futureSkew(), c.ingestTimeJitter(), c.unknownSubjects(),
                c.fingerprintSecret(), c.piiKeyId(), c.piiSecret(), c.retryBackoff(),
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"), c.replaySecret());
    }

    /** {@code c} with another {@code caughtUpBatchEvents} (0 turns the caught-up commit off). */
    static PipelineConfig withCaughtUpBatchEvents(PipelineConfig c, int caughtUpBatchEvents) {
        return new PipelineConfig(c.enabled(), c.bootstrapServers(), c.rawTopic(), c.groupId(), c.writerId(),
                c.maxBatchEvents(), c.maxBatchInterval(), caughtUpBatchEvents, c.pollTimeout(), c.maxPollRecords(),
                c.dlqEnabled(), c.onTimeThreshold(), c.lateWindow(), c.futureSkew(), c.ingestTimeJitter(),
                c.unknownSubjects(), c.fingerprintSecret(), c.piiKeyId(), c.piiSecret(), c.retryBackoff(),
                c.consumerProperties(), c.replaySecret());
    }

    static SourceTopicConfig acme(String topic) {
        return new SourceTopicConfig("acme", topic, "acme-telemetry", null, "event_id", "event_timestamp", "event_type",
                null, Map.of("host", "acme-telemetry", "env", "prod", "service", "acme-video-player"),
                Map.of("app_version", "app_version"), null);
    }

    static InMemorySchemaCatalog schemas() {
        InMemorySchemaCatalog schemas = new InMemorySchemaCatalog();
        schemas.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        return schemas;
    }

    /** A started pipeline; close it to stop the loop, the DLQ producer and the lake. */
    static LakeWriterPipeline start(PipelineConfig config, List<SourceTopicConfig> sources, String catalogName,
                                    Map<String, String> catalogProperties, String namespace, MeterRegistry registry) {
        ExactlyOnceLake lake = Lakes.open(catalogName, catalogProperties, schemas(),
                LakeSettings.defaults().withNamespace(namespace), new WriterEpoch(config.writerId(), 0));
        DeadLetterSink table = Lakes.deadLetterSink(lake, config.writerId());
        KafkaProducer<byte[], byte[]> dlq = Pipelines.dlqProducer(config);
        DeadLetterSink sink = new DlqPublishingDeadLetterSink(table, dlq, 30_000);
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(config.dedupHorizon());
        Catalog reader = CatalogUtil.buildIcebergCatalog(catalogName, catalogProperties, null);
        SeenEventHistory history = new IcebergSeenEventHistory(() -> reader.loadTable(TableIdentifier.of(namespace, "events")));
        RecordDecoder decoder = new RecordDecoder(new JsonItemParser(ParseLimits.DEFAULTS), Pipelines.mappings(config, sources),
                config.replaySignature());
        if (registry != null) {
            PipelineMetrics.replayOverrides(registry, decoder);
        }
        LakeWriterLoop loop = new LakeWriterLoop(Pipelines.settings(config, sources), Pipelines.consumer(config), decoder,
                Pipelines.useCase(config, sources, schemas(), index, lake, sink), lake, index, history,
                registry == null ? PipelineMetrics.noop(index) : new PipelineMetrics(registry, index));
        return new LakeWriterPipeline(loop, dlq, lake, () -> {
            if (reader instanceof AutoCloseable c) {
                c.close();
            }
        }).start();
    }
}
