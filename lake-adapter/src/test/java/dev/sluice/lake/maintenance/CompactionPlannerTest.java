package dev.sluice.lake.maintenance;

import dev.sluice.lake.maintenance.CompactionPlanner.DataFileStats;
import dev.sluice.lake.maintenance.CompactionPlanner.Group;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionPlannerTest {

    private static final long MB = 1024L * 1024L;
    private static final String DAY1 = "event_type=start/event_timestamp_day=2025-08-11";
    private static final String DAY2 = "event_type=start/event_timestamp_day=2025-08-12";

    private static DataFileStats file(String name, String partition, long mb) {
        return new DataFileStats("s3://b/t/data/" + name, 0, partition, mb * MB);
    }

    private static List<String> names(Group g) {
        return g.files().stream().map(f -> f.location().substring("s3://b/t/data/".length())).toList();
    }

    @Test
    void aPartitionWithFewerSmallFilesThanTheMinimumIsLeftAlone() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 3, 128 * MB, Long.MAX_VALUE);

        List<Group> plan = planner.plan(List.of(file("a", DAY1, 5), file("b", DAY1, 6), file("c", DAY2, 1)));

        assertThat(plan).isEmpty();
    }

    @Test
    void filesAtOrAboveTheSmallFileThresholdAreNeverCandidates() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 3, 128 * MB, Long.MAX_VALUE);

        List<Group> plan = planner.plan(List.of(file("big1", DAY1, 48), file("big2", DAY1, 100),
                file("s1", DAY1, 1), file("s2", DAY1, 2), file("s3", DAY1, 3)));

        assertThat(plan).hasSize(1);
        assertThat(names(plan.getFirst())).containsExactly("s3", "s2", "s1");
        assertThat(plan.getFirst().bytes()).isEqualTo(6 * MB);
    }

    @Test
    void smallFilesOfOnePartitionAreBinPackedLargestFirstIntoGroupsOfAtMostTheTarget() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 2, 100 * MB, Long.MAX_VALUE);

        List<Group> plan = planner.plan(List.of(file("a", DAY1, 40), file("b", DAY1, 45), file("c", DAY1, 30),
                file("d", DAY1, 20), file("e", DAY1, 10), file("f", DAY1, 47)));

        // First fit decreasing: 47+45 (+ nothing else fits), 40+30+20+10
        assertThat(plan).extracting(CompactionPlannerTest::names)
                .containsExactly(List.of("f", "b"), List.of("a", "c", "d", "e"));
        assertThat(plan).extracting(Group::partition).containsOnly(DAY1);
    }

    @Test
    void aBinHoldingASingleFileIsNotRewritten() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 3, 50 * MB, Long.MAX_VALUE);

        List<Group> plan = planner.plan(List.of(file("a", DAY1, 40), file("b", DAY1, 40), file("c", DAY1, 5),
                file("d", DAY1, 5)));

        // a+c+d? 40+5+5 = 50 fits; b alone is dropped.
        assertThat(plan).extracting(CompactionPlannerTest::names).containsExactly(List.of("a", "c", "d"));
    }

    @Test
    void partitionsAreKeptApartAndTheOneWithMostSmallFilesGoesFirst() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 2, 128 * MB, Long.MAX_VALUE);

        List<Group> plan = planner.plan(List.of(file("a1", DAY1, 1), file("a2", DAY1, 1),
                file("b1", DAY2, 1), file("b2", DAY2, 1), file("b3", DAY2, 1)));

        assertThat(plan).extracting(Group::partition).containsExactly(DAY2, DAY1);
        assertThat(plan).extracting(g -> g.files().size()).containsExactly(3, 2);
    }

    @Test
    void theSamePartitionPathUnderAnotherSpecIsAnotherPartition() {
        CompactionPlanner planner = new CompactionPlanner(48 * MB, 2, 128 * MB, Long.MAX_VALUE);
        List<DataFileStats> files = List.of(new DataFileStats("s3://b/t/data/x", 0, DAY1, MB),
                new DataFileStats("s3://b/t/data/y", 1, DAY1, MB));

        assertThat(planner.plan(files)).isEmpty();
    }

    @Test
    void planningStopsOnceTheRewriteBudgetIsSpentButAlwaysTakesOneGroup() {
        List<DataFileStats> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(file("a" + i, DAY1, 10));
            files.add(file("b" + i, DAY2, 10));
        }
        files.add(file("b4", DAY2, 10));

        assertThat(new CompactionPlanner(48 * MB, 2, 128 * MB, 60 * MB).plan(files))
                .extracting(Group::partition).containsExactly(DAY2);
        assertThat(new CompactionPlanner(48 * MB, 2, 128 * MB, 10 * MB).plan(files))
                .extracting(Group::bytes).containsExactly(50 * MB);
        assertThat(new CompactionPlanner(48 * MB, 2, 128 * MB, 90 * MB).plan(files))
                .extracting(Group::partition).containsExactly(DAY2, DAY1);
    }

    @Test
    void aTargetBelowOneByteIsRefused() {
        assertThatThrownBy(() -> new CompactionPlanner(48 * MB, 2, 0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targetFileBytes must be positive, got 0");
    }
}
