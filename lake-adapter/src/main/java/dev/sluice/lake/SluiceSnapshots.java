package dev.sluice.lake;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshots of a table hold Sluice's stream positions, for table maintenance (compaction,
 * snapshot expiry) that must keep them readable. The positions live in the summary of the latest
 * snapshot that carries a {@link CommitMarker}; {@link CommitMarker#latest} finds it by walking the
 * current branch back from its head through every snapshot in between, so all of those snapshots,
 * not only the marker snapshot itself, must stay in the table's metadata.
 */
public final class SluiceSnapshots {

    private SluiceSnapshots() {
    }

    /** True when Sluice's exactly-once commit wrote {@code snapshot} (its summary carries the positions). */
    public static boolean carriesPositions(Snapshot snapshot) {
        return snapshot != null && CommitMarker.fromSummary(snapshot.summary()).isPresent();
    }

    /**
     * The snapshots from the head of the current branch back to, and including, the latest one that
     * carries positions: the chain {@code CommitMarker.latest} walks. Empty when the table has no
     * snapshot; the whole reachable branch when none carries positions.
     */
    public static List<Snapshot> chainToLatestPositions(Table table) {
        List<Snapshot> chain = new ArrayList<>();
        for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            chain.add(s);
            if (carriesPositions(s)) {
                return List.copyOf(chain);
            }
        }
        return List.copyOf(chain);
    }

    /** The latest snapshot of the current branch that carries positions, if any. */
    public static Optional<Snapshot> latestWithPositions(Table table) {
        List<Snapshot> chain = chainToLatestPositions(table);
        return chain.isEmpty() || !carriesPositions(chain.getLast()) ? Optional.empty() : Optional.of(chain.getLast());
    }
}
