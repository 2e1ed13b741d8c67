package dev.sluice.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * What Sluice keeps in an Iceberg snapshot summary to make commits exactly once:
 * <pre>
 *   sluice.offsets    {"telemetry.events.raw":{"0":1200,"1":987}}   next offset per partition
 *   sluice.epochs     {"telemetry.events.raw":{"0":7,"1":7}}        epoch of the writer that last committed it
 *   sluice.writer-id  lake-writer-1                                  who committed this snapshot
 *   sluice.commit-id  3f1c...                                        one id per batch, in every table's snapshot
 * </pre>
 * Each Sluice snapshot carries every partition the table has ever committed (the previous marker
 * merged with the batch's), so the latest Sluice snapshot of the branch is the whole truth.
 * Snapshots written by others (compaction, expiry, Trino) have no marker and are walked past.
 *
 * @param offsets next offset per partition
 * @param epochs committing epoch per partition
 * @param writerId the writer of the snapshot this marker was read from, or null for none
 * @param commitId the commit id of that snapshot, or null for none
 */
record CommitMarker(Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> epochs, String writerId, String commitId) {

    static final String OFFSETS = "sluice.offsets";
    static final String EPOCHS = "sluice.epochs";
    static final String WRITER_ID = "sluice.writer-id";
    static final String COMMIT_ID = "sluice.commit-id";

    static final CommitMarker NONE = new CommitMarker(Map.of(), Map.of(), null, null);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, Long>>> NESTED = new TypeReference<>() {
    };

    CommitMarker {
        offsets = Collections.unmodifiableMap(new HashMap<>(requireNonNull(offsets, "offsets is null")));
        epochs = Collections.unmodifiableMap(new HashMap<>(requireNonNull(epochs, "epochs is null")));
    }

    Optional<Long> offset(TopicPartition tp) {
        return Optional.ofNullable(offsets.get(tp));
    }

    long epoch(TopicPartition tp) {
        return epochs.getOrDefault(tp, -1L);
    }

    /** This marker advanced by a commit of {@code nextOffsets} at {@code epoch}. */
    CommitMarker advance(Map<TopicPartition, Long> nextOffsets, long epoch, String newWriterId, String newCommitId) {
        Map<TopicPartition, Long> o = new HashMap<>(offsets);
        Map<TopicPartition, Long> e = new HashMap<>(epochs);
        nextOffsets.forEach((tp, next) -> {
            o.put(tp, next);
            e.put(tp, epoch);
        });
        return new CommitMarker(o, e, newWriterId, newCommitId);
    }

    Map<String, String> toSummary() {
        Map<String, String> summary = new HashMap<>();
        summary.put(OFFSETS, encode(offsets));
        summary.put(EPOCHS, encode(epochs));
        if (writerId != null) {
            summary.put(WRITER_ID, writerId);
        }
        if (commitId != null) {
            summary.put(COMMIT_ID, commitId);
        }
        return summary;
    }

    /** The marker of {@code snapshot}, or empty when Sluice did not write it. */
    static Optional<CommitMarker> fromSummary(Map<String, String> summary) {
        if (summary == null || !summary.containsKey(OFFSETS)) {
            return Optional.empty();
        }
        return Optional.of(new CommitMarker(
                decode(summary.get(OFFSETS)),
                decode(summary.getOrDefault(EPOCHS, "{}")),
                summary.get(WRITER_ID),
                summary.get(COMMIT_ID)));
    }

    /** The latest marker on the current branch of {@code table}, walking back past foreign snapshots. */
    static CommitMarker latest(Table table) {
        return latest(table.currentSnapshot(), table::snapshot);
    }

    static CommitMarker latest(TableMetadata metadata) {
        return latest(metadata.currentSnapshot(), metadata::snapshot);
    }

    private static CommitMarker latest(Snapshot head, LongFunction<Snapshot> byId) {
        for (Snapshot s = head; s != null; s = s.parentId() == null ? null : byId.apply(s.parentId())) {
            Optional<CommitMarker> marker = fromSummary(s.summary());
            if (marker.isPresent()) {
                return marker.get();
            }
        }
        return NONE;
    }

    /** True when a snapshot of the current branch of {@code metadata} carries {@code commitId}. */
    static boolean landed(TableMetadata metadata, String commitId) {
        for (Snapshot s = metadata.currentSnapshot(); s != null;
                s = s.parentId() == null ? null : metadata.snapshot(s.parentId())) {
            if (commitId.equals(s.summary().get(COMMIT_ID))) {
                return true;
            }
        }
        return false;
    }

    static String encode(Map<TopicPartition, Long> values) {
        Map<String, Map<String, Long>> nested = new TreeMap<>();
        values.forEach((tp, v) -> nested.computeIfAbsent(tp.topic(), t -> new TreeMap<>(
                (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                .put(Integer.toString(tp.partition()), v));
        try {
            return JSON.writeValueAsString(nested);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode offsets " + values, e);
        }
    }

    static Map<TopicPartition, Long> decode(String json) {
        try {
            Map<String, Map<String, Long>> nested = JSON.readValue(json, NESTED);
            Map<TopicPartition, Long> out = new HashMap<>();
            nested.forEach((topic, partitions) -> partitions.forEach(
                    (p, v) -> out.put(new TopicPartition(topic, Integer.parseInt(p)), v)));
            return out;
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read Sluice offsets from snapshot summary: " + json, e);
        }
    }
}
