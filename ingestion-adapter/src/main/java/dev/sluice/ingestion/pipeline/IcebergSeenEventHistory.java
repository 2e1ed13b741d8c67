package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.error.DomainErrorCode;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Rebuilds the seen-event index from {@code telemetry.events}, whose rows carry their dedup key,
 * content fingerprint, ingest time and Kafka coordinates (lake ADR, table layout). Exact, in two
 * pruned scans that project only those columns:
 * <ol>
 *   <li>The partition's watermark {@code W} (its greatest stored ingest time): {@code U}, the
 *       greatest upper bound of {@code ingest_timestamp} over the data files that may hold the
 *       partition, bounds it from above, so the rows with {@code ingest_timestamp >= U - horizon}
 *       hold the maximum unless the partition has been idle longer than the horizon; only then is
 *       the whole partition read.</li>
 *   <li>Every row with {@code ingest_timestamp >= W - horizon}: exactly the entries the live index
 *       would hold.</li>
 * </ol>
 */
final class IcebergSeenEventHistory implements SeenEventHistory {

    private final Supplier<Table> events;

    IcebergSeenEventHistory(Supplier<Table> events) {
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public long replay(TopicPartition partition, Duration horizon, Consumer<SeenEvent> sink) {
        try {
            Table table = events.get();
            table.refresh();
            if (table.currentSnapshot() == null) {
                return 0;
            }
            Expression ofPartition = Expressions.and(Expressions.equal("kafka_topic", partition.topic()),
                    Expressions.equal("kafka_partition", partition.partition()));
            long horizonMicros = horizon.toNanos() / 1000;
            Long upper = upperBoundOfIngestTime(table, ofPartition);
            if (upper == null) {
                return 0;
            }
            Long watermark = upper == Long.MAX_VALUE ? null
                    : maxIngestMicros(table, Expressions.and(ofPartition,
                    Expressions.greaterThanOrEqual("ingest_timestamp", upper - horizonMicros)));
            if (watermark == null) {
                watermark = maxIngestMicros(table, ofPartition);
                if (watermark == null) {
                    return 0;
                }
            }
            long count = 0;
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                    .select("dedup_key", "fingerprint", "ingest_timestamp", "kafka_topic", "kafka_partition")
                    .where(Expressions.and(ofPartition,
                            Expressions.greaterThanOrEqual("ingest_timestamp", watermark - horizonMicros)))
                    .build()) {
                for (Record r : rows) {
                    sink.accept(new SeenEvent(EventKey.fromHex((String) r.getField("dedup_key")),
                            ContentFingerprint.fromHex((String) r.getField("fingerprint")),
                            ((OffsetDateTime) r.getField("ingest_timestamp")).toInstant()));
                    count++;
                }
            }
            return count;
        } catch (IOException | RuntimeException e) {
            throw new InfrastructureException(DomainErrorCode.SEEN_EVENT_INDEX_UNAVAILABLE,
                    "Cannot rebuild the seen-event index of " + partition + " from the lake: " + e.getMessage(), e);
        }
    }

    /** The greatest ingest-time upper bound of the files that may hold the partition; MAX_VALUE when a file has none; null when no file. */
    private static Long upperBoundOfIngestTime(Table table, Expression filter) throws IOException {
        Types.NestedField field = table.schema().findField("ingest_timestamp");
        Long upper = null;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                ByteBuffer bound = task.file().upperBounds() == null ? null : task.file().upperBounds().get(field.fieldId());
                if (bound == null) {
                    return Long.MAX_VALUE;
                }
                long micros = Conversions.fromByteBuffer(field.type(), bound);
                upper = upper == null ? micros : Math.max(upper, micros);
            }
        }
        return upper;
    }

    private static Long maxIngestMicros(Table table, Expression filter) throws IOException {
        Long max = null;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                .select("ingest_timestamp", "kafka_topic", "kafka_partition").where(filter).build()) {
            for (Record r : rows) {
                Instant t = ((OffsetDateTime) r.getField("ingest_timestamp")).toInstant();
                long micros = t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
                max = max == null ? micros : Math.max(max, micros);
            }
        }
        return max;
    }
}
