package dev.sluice.lake.maintenance;

import dev.sluice.lake.SluiceSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Expires old snapshots of one table and lets Iceberg delete the files only they referenced, but
 * never the snapshots that hold Sluice's stream positions.
 * <p>
 * The pipeline finds its positions by walking the current branch from its head back to the latest
 * snapshot carrying a marker ({@code CommitMarker.latest}), through any compaction or expiry
 * snapshot in between. A walk that meets an expired parent stops and finds no positions at all, so
 * the whole chain from the head to that marker snapshot must stay. Iceberg keeps, on a branch, every
 * ancestor of the head until the first one that is both older than the cutoff and beyond the
 * {@code retainLast} count; taking as cutoff the older of (now - retention) and the oldest timestamp
 * on that chain therefore keeps the chain whole. Every snapshot Sluice commits later is newer, so a
 * concurrent commit only adds to what is kept. After the commit the marker snapshot is checked to be
 * still there.
 */
final class SnapshotExpiry {

    /** What an expiry did. */
    record Outcome(int snapshotsExpired, long protectedSnapshotId, long cutoffMillis) {
    }

    private final MaintenanceSettings settings;
    private final Clock clock;

    SnapshotExpiry(MaintenanceSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The cutoff: snapshots older than it may go. Pure, for the tests. */
    static long cutoff(long nowMillis, long retentionMillis, List<Snapshot> chainToPositions, boolean chainEndsAtPositions) {
        long cutoff = nowMillis - retentionMillis;
        if (chainEndsAtPositions) {
            for (Snapshot s : chainToPositions) {
                cutoff = Math.min(cutoff, s.timestampMillis());
            }
        }
        return cutoff;
    }

    Outcome expire(Table table) {
        table.refresh();
        if (table.currentSnapshot() == null) {
            return new Outcome(0, -1, -1);
        }
        List<Snapshot> chain = SluiceSnapshots.chainToLatestPositions(table);
        Optional<Snapshot> positions = SluiceSnapshots.latestWithPositions(table);
        long cutoff = cutoff(clock.millis(), settings.snapshotRetention().toMillis(), chain, positions.isPresent());
        Set<Long> before = ids(table);
        table.expireSnapshots()
                .expireOlderThan(cutoff)
                .retainLast(settings.minSnapshotsToKeep())
                .cleanExpiredFiles(true)
                .commit();
        table.refresh();
        if (positions.isPresent() && table.snapshot(positions.get().snapshotId()) == null) {
            throw new IllegalStateException("Snapshot expiry removed snapshot " + positions.get().snapshotId()
                    + " of " + table.name() + ", which holds Sluice's stream positions");
        }
        before.removeAll(ids(table));
        return new Outcome(before.size(), positions.map(Snapshot::snapshotId).orElse(-1L), cutoff);
    }

    private static Set<Long> ids(Table table) {
        Set<Long> ids = new HashSet<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }
}
