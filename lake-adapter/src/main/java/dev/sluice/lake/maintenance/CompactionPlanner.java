package dev.sluice.lake.maintenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Which data files to rewrite together: pure logic, no Iceberg. Per partition (spec id and
 * partition path), the files smaller than {@code smallFileBytes} are candidates; a partition with
 * fewer than {@code minInputFiles} candidates is left alone. The candidates are bin-packed, largest
 * first, into groups of at most {@code targetFileBytes} input bytes (first fit decreasing), and each
 * group of two or more files becomes one rewrite, whose output rolls at the target size. Partitions
 * with the most candidates go first, until {@code maxRewriteBytes} of input is planned.
 */
final class CompactionPlanner {

    /** A live data file of the table, as the planner needs it. */
    record DataFileStats(String location, int specId, String partition, long sizeBytes) {
        DataFileStats {
            requireNonNull(location, "location is null");
            requireNonNull(partition, "partition is null");
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("sizeBytes of " + location + " is negative: " + sizeBytes);
            }
        }
    }

    /** Files of one partition to rewrite into files of the target size. */
    record Group(int specId, String partition, List<DataFileStats> files) {
        Group {
            files = List.copyOf(files);
        }

        long bytes() {
            return files.stream().mapToLong(DataFileStats::sizeBytes).sum();
        }
    }

    private final long smallFileBytes;
    private final int minInputFiles;
    private final long targetFileBytes;
    private final long maxRewriteBytes;

    CompactionPlanner(long smallFileBytes, int minInputFiles, long targetFileBytes, long maxRewriteBytes) {
        if (targetFileBytes < 1) {
            throw new IllegalArgumentException("targetFileBytes must be positive, got " + targetFileBytes);
        }
        this.smallFileBytes = smallFileBytes;
        this.minInputFiles = minInputFiles;
        this.targetFileBytes = targetFileBytes;
        this.maxRewriteBytes = maxRewriteBytes;
    }

    List<Group> plan(List<DataFileStats> files) {
        Map<String, List<DataFileStats>> byPartition = new TreeMap<>();
        for (DataFileStats f : files) {
            if (f.sizeBytes() < smallFileBytes) {
                byPartition.computeIfAbsent(f.specId() + "/" + f.partition(), k -> new ArrayList<>()).add(f);
            }
        }
        List<List<DataFileStats>> partitions = new ArrayList<>();
        byPartition.values().stream().filter(c -> c.size() >= minInputFiles).forEach(partitions::add);
        // Most small files first: that is where readers suffer most. Ties in partition order (TreeMap).
        partitions.sort(Comparator.comparingInt((List<DataFileStats> c) -> c.size()).reversed());

        List<Group> groups = new ArrayList<>();
        long planned = 0;
        for (List<DataFileStats> candidates : partitions) {
            for (List<DataFileStats> bin : binPack(candidates)) {
                Group g = new Group(bin.getFirst().specId(), bin.getFirst().partition(), bin);
                if (planned + g.bytes() > maxRewriteBytes && !groups.isEmpty()) {
                    return List.copyOf(groups);
                }
                planned += g.bytes();
                groups.add(g);
            }
        }
        return List.copyOf(groups);
    }

    private List<List<DataFileStats>> binPack(List<DataFileStats> candidates) {
        List<DataFileStats> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingLong(DataFileStats::sizeBytes).reversed().thenComparing(DataFileStats::location));
        List<List<DataFileStats>> bins = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (DataFileStats f : sorted) {
            int chosen = -1;
            for (int i = 0; i < bins.size(); i++) {
                if (sizes.get(i) + f.sizeBytes() <= targetFileBytes) {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0) {
                bins.add(new ArrayList<>());
                sizes.add(0L);
                chosen = bins.size() - 1;
            }
            bins.get(chosen).add(f);
            sizes.set(chosen, sizes.get(chosen) + f.sizeBytes());
        }
        // A bin of one file would rewrite it into itself.
        return bins.stream().filter(b -> b.size() >= 2).toList();
    }
}
