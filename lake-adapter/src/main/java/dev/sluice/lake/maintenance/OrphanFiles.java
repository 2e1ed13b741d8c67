package dev.sluice.lake.maintenance;

import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Files under a table's location that no snapshot references. In order:
 * <ol>
 *   <li>list every file under {@code <table location>/} (with the slash: {@code events} must not
 *       take {@code events_archive}'s files) through the FileIO's prefix listing;</li>
 *   <li>then refresh the table and collect everything reachable from its metadata: the metadata
 *       files it remembers, every snapshot's manifest list, manifests, data and delete files, and
 *       statistics files. Listing first means a file committed before the collection is seen as
 *       referenced;</li>
 *   <li>an unreferenced file is an orphan only when it is older than the safety age: a writer's
 *       files exist before its commit (seconds, or longer while a commit in unknown state is being
 *       resolved), and must never be taken from it.</li>
 * </ol>
 * In dry-run mode the orphans are reported, not deleted. A FileIO without prefix listing is skipped.
 */
final class OrphanFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanFiles.class);

    /** What a pass found and did; {@code supported} is false when the FileIO cannot list. */
    record Outcome(boolean supported, int filesListed, List<String> orphans, long orphanBytes, int deleted) {
        Outcome {
            orphans = List.copyOf(orphans);
        }
    }

    private final MaintenanceSettings settings;
    private final Clock clock;

    OrphanFiles(MaintenanceSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Outcome remove(Table table) {
        FileIO io = table.io();
        if (!(io instanceof SupportsPrefixOperations listing)) {
            LOG.info("Orphan removal skipped for {}: its FileIO {} cannot list files", table.name(), io.getClass().getName());
            return new Outcome(false, 0, List.of(), 0, 0);
        }
        long olderThan = clock.millis() - settings.orphanSafetyAge().toMillis();
        String prefix = table.location().endsWith("/") ? table.location() : table.location() + "/";
        List<FileInfo> listed = new ArrayList<>();
        listing.listPrefix(prefix).forEach(listed::add);

        Set<String> reachable = reachable(table);
        List<String> orphans = new ArrayList<>();
        long bytes = 0;
        for (FileInfo f : listed) {
            if (f.createdAtMillis() < olderThan && !reachable.contains(normalize(f.location()))) {
                orphans.add(f.location());
                bytes += f.size();
            }
        }
        orphans.sort(null);
        int deleted = 0;
        if (!settings.orphanDryRun()) {
            for (String location : orphans) {
                try {
                    io.deleteFile(location);
                    deleted++;
                } catch (RuntimeException e) {
                    LOG.warn("Cannot delete orphan file {} of {}: {}", location, table.name(), e.getMessage());
                }
            }
        }
        return new Outcome(true, listed.size(), orphans, bytes, deleted);
    }

    /** Every file the table's metadata references, normalised. */
    static Set<String> reachable(Table table) {
        table.refresh();
        Set<String> out = new HashSet<>();
        ReachableFileUtil.metadataFileLocations(table, true).forEach(l -> out.add(normalize(l)));
        String versionHint = ReachableFileUtil.versionHintLocation(table);
        if (versionHint != null) {
            out.add(normalize(versionHint));
        }
        ReachableFileUtil.statisticsFilesLocations(table).forEach(l -> out.add(normalize(l)));
        for (PartitionStatisticsFile p : table.partitionStatisticsFiles()) {
            out.add(normalize(p.path()));
        }
        Set<String> manifestsSeen = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (snapshot.manifestListLocation() != null) {
                out.add(normalize(snapshot.manifestListLocation()));
            }
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                if (!manifestsSeen.add(manifest.path())) {
                    continue;
                }
                out.add(normalize(manifest.path()));
                try {
                    if (manifest.content() == ManifestContent.DATA) {
                        try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io(), table.specs())) {
                            paths.forEach(p -> out.add(normalize(p)));
                        }
                    } else {
                        try (ManifestReader<DeleteFile> deletes = ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
                            deletes.forEach(d -> out.add(normalize(d.location())));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read manifest " + manifest.path() + " of " + table.name(), e);
                }
            }
        }
        return out;
    }

    /** s3a:// and s3n:// name the same objects as s3://. */
    static String normalize(String location) {
        if (location.startsWith("s3a://") || location.startsWith("s3n://")) {
            return "s3://" + location.substring(6);
        }
        return location;
    }
}
