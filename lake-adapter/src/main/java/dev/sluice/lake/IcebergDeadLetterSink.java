package dev.sluice.lake;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.error.DomainErrorCode;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@code telemetry.dead_letters}, idempotent by channel coordinates. Each call is one Iceberg
 * commit. The table's marker holds the next offset per Kafka partition written so far: a dead
 * letter at or above it is new; one below it (a replay), and every HTTP one, is confirmed against
 * the table before it is skipped, so a dead letter is never dropped on a guess. The commit is
 * refused and retried if the table moved since the check.
 *
 * <p>This adapter does not publish to {@code {topic}.dlq}: the ingestion adapter owns the Kafka
 * producer and does it (see the lake ADR).
 */
final class IcebergDeadLetterSink implements DeadLetterSink {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergDeadLetterSink.class);

    private final IcebergEventLake lake;
    private final String writerId;

    IcebergDeadLetterSink(IcebergEventLake lake, String writerId) {
        this.lake = requireNonNull(lake, "lake is null");
        this.writerId = requireNonNull(writerId, "writerId is null");
    }

    @Override
    public void write(List<DeadLetter> deadLetters) {
        requireNonNull(deadLetters, "deadLetters is null");
        Map<ChannelCoordinates, DeadLetter> unique = new LinkedHashMap<>();
        deadLetters.forEach(d -> unique.putIfAbsent(requireNonNull(d, "dead letter is null").channel(), d));
        if (unique.isEmpty()) {
            return;
        }
        Table table = lake.deadLetters();
        TableOperations ops = ((HasTableOperations) table).operations();
        String commitId = UUID.randomUUID().toString();
        int attempts = lake.settings().commitAttempts();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            TableMetadata base = ops.refresh();
            if (CommitMarker.landed(base, commitId)) {
                return;
            }
            Snapshot head = base.currentSnapshot();
            CommitMarker prior = CommitMarker.latest(base);
            List<DeadLetter> fresh = notYetStored(table, prior, unique);
            if (fresh.isEmpty()) {
                return;
            }
            TableFileWriter files = new TableFileWriter(table, commitId, lake.settings().targetFileSizeBytes());
            boolean mayHaveLanded = false;
            try {
                fresh.forEach(d -> files.write(RowMapper.deadLetter(table.schema(), d)));
                List<DataFile> dataFiles = files.finish();
                Map<TopicPartition, Long> next = new HashMap<>();
                for (DeadLetter d : fresh) {
                    if (d.channel() instanceof KafkaCoordinates k) {
                        next.merge(k.topicPartition(), k.offset() + 1, Math::max);
                    }
                }
                CommitMarker marker = prior;
                for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                    long offset = Math.max(e.getValue(), prior.offset(e.getKey()).orElse(0L));
                    marker = marker.advance(Map.of(e.getKey(), offset), Math.max(0, prior.epoch(e.getKey())),
                            writerId, commitId);
                }
                marker = marker.advance(Map.of(), 0, writerId, commitId);
                Long headId = head == null ? null : head.snapshotId();
                Table fenced = new BaseTable(new FencedTableOperations(ops, m -> {
                    Long now = m.currentSnapshot() == null ? null : m.currentSnapshot().snapshotId();
                    if (!java.util.Objects.equals(now, headId)) {
                        throw new TableCommitter.MarkerMoved(table.name() + " moved since its dead letters were checked");
                    }
                }), table.name());
                AppendFiles append = fenced.newAppend();
                dataFiles.forEach(append::appendFile);
                marker.toSummary().forEach(append::set);
                mayHaveLanded = true;
                append.commit();
                LOG.debug("Stored {} dead letters ({} already stored) in {}", fresh.size(),
                        unique.size() - fresh.size(), table.name());
                return;
            } catch (TableCommitter.MarkerMoved | CommitFailedException e) {
                last = e;
                files.abort();
            } catch (CommitStateUnknownException e) {
                last = e; // never delete: the next attempt finds out whether they landed
            } catch (RuntimeException e) {
                if (!mayHaveLanded) {
                    files.abort();
                }
                throw new InfrastructureException(DomainErrorCode.DEAD_LETTER_WRITE_FAILED,
                        "Cannot store " + fresh.size() + " dead letters in " + table.name(), e);
            }
        }
        throw new InfrastructureException(DomainErrorCode.DEAD_LETTER_WRITE_FAILED,
                "Cannot store " + unique.size() + " dead letters in " + table.name() + " after " + attempts
                        + " attempts", last);
    }

    private List<DeadLetter> notYetStored(Table table, CommitMarker marker, Map<ChannelCoordinates, DeadLetter> all) {
        List<DeadLetter> fresh = new ArrayList<>();
        List<DeadLetter> candidates = new ArrayList<>();
        for (DeadLetter d : all.values()) {
            if (d.channel() instanceof KafkaCoordinates k
                    && k.offset() >= marker.offset(k.topicPartition()).orElse(-1L)) {
                fresh.add(d);
            } else {
                candidates.add(d);
            }
        }
        if (!candidates.isEmpty() && table.currentSnapshot() != null) {
            Set<ChannelCoordinates> stored = stored(table, candidates);
            candidates.stream().filter(d -> !stored.contains(d.channel())).forEach(fresh::add);
        } else {
            fresh.addAll(candidates);
        }
        return fresh;
    }

    /** The coordinates among {@code candidates}' that the table holds. */
    private static Set<ChannelCoordinates> stored(Table table, List<DeadLetter> candidates) {
        Expression filter = Expressions.alwaysFalse();
        for (DeadLetter d : candidates) {
            Expression one = switch (d.channel()) {
                case KafkaCoordinates k -> Expressions.and(Expressions.equal("kafka_topic", k.topic()),
                        Expressions.and(Expressions.equal("kafka_partition", k.partition()),
                                Expressions.equal("kafka_offset", k.offset())));
                case HttpCoordinates h -> Expressions.and(Expressions.equal("request_id", h.requestId()),
                        Expressions.equal("request_index", h.index()));
            };
            filter = Expressions.or(filter, one);
        }
        Set<ChannelCoordinates> found = new HashSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter)
                .select("kafka_topic", "kafka_partition", "kafka_offset", "request_id", "request_index").build()) {
            for (Record r : rows) {
                if (r.getField("kafka_topic") != null) {
                    found.add(new KafkaCoordinates((String) r.getField("kafka_topic"),
                            (Integer) r.getField("kafka_partition"), (Long) r.getField("kafka_offset")));
                } else if (r.getField("request_id") != null) {
                    found.add(new HttpCoordinates((String) r.getField("request_id"), (Integer) r.getField("request_index")));
                }
            }
        } catch (IOException e) {
            throw new InfrastructureException(DomainErrorCode.DEAD_LETTER_WRITE_FAILED,
                    "Cannot read " + table.name() + " to check for stored dead letters", e);
        }
        return found;
    }
}
