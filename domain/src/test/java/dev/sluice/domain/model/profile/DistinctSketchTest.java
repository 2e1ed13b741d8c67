package dev.sluice.domain.model.profile;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DistinctSketchTest {

    private static byte[] registers(int precision, long from, long to) {
        byte[] registers = new byte[1 << precision];
        for (long v = from; v < to; v++) {
            long h = mix(v);
            int i = DistinctSketch.registerIndex(h, precision);
            registers[i] = (byte) Math.max(registers[i], DistinctSketch.rank(h, precision));
        }
        return registers;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    @Test
    void isExactForSmallCounts() {
        assertThat(DistinctSketch.empty(11).estimate()).isZero();
        assertThat(DistinctSketch.of(11, registers(11, 0, 1)).estimate()).isEqualTo(1);
        assertThat(DistinctSketch.of(11, registers(11, 0, 10)).estimate()).isEqualTo(10);
    }

    @Test
    void estimatesLargeCountsWithinAFewPercent() {
        for (long n : new long[] {3_000, 50_000, 1_000_000}) {
            long estimate = DistinctSketch.of(11, registers(11, 0, n)).estimate();
            assertThat((double) estimate).as("estimate of %d", n).isCloseTo(n, within(n * 0.05));
        }
    }

    @Test
    void ignoresRepeatedValues() {
        byte[] once = registers(11, 0, 1_000);
        byte[] thrice = registers(11, 0, 1_000);
        DistinctSketch a = DistinctSketch.of(11, once);
        assertThat(a.union(DistinctSketch.of(11, thrice))).isEqualTo(a);
    }

    @Test
    void unitesLikeProfilingTheUnionOfTheInputs() {
        DistinctSketch left = DistinctSketch.of(11, registers(11, 0, 60_000));
        DistinctSketch right = DistinctSketch.of(11, registers(11, 40_000, 100_000));
        assertThat(left.union(right)).isEqualTo(DistinctSketch.of(11, registers(11, 0, 100_000)));
        assertThat((double) left.union(right).estimate()).isCloseTo(100_000, within(5_000.0));
    }

    @Test
    void hasAFixedSizeWhateverItHasSeen() {
        assertThat(DistinctSketch.of(11, registers(11, 0, 10)).sizeInBytes())
                .isEqualTo(DistinctSketch.of(11, registers(11, 0, 100_000)).sizeInBytes())
                .isEqualTo(2048);
    }

    @Test
    void refusesInvalidInput() {
        assertThatThrownBy(() -> DistinctSketch.empty(3)).hasMessage("sketch precision must be 4 to 16, got 3");
        assertThatThrownBy(() -> DistinctSketch.of(4, new byte[15]))
                .hasMessage("a sketch of precision 4 has 16 registers, got 15");
        byte[] bad = new byte[16];
        bad[2] = 62;
        assertThatThrownBy(() -> DistinctSketch.of(4, bad))
                .hasMessage("register 2 holds rank 62, outside 0..61 for precision 4");
        assertThatThrownBy(() -> DistinctSketch.empty(10).union(DistinctSketch.empty(11)))
                .hasMessage("cannot merge distinct sketches of precision 10 and 11");
    }

    @Test
    void copiesTheRegistersItIsGiven() {
        byte[] registers = new byte[16];
        DistinctSketch sketch = DistinctSketch.of(4, registers);
        registers[0] = 5;
        assertThat(sketch.isEmpty()).isTrue();
        new SplittableRandom(1).nextLong();
    }
}
