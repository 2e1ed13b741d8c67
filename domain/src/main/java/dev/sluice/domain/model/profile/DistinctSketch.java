package dev.sluice.domain.model.profile;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * An immutable HyperLogLog sketch of the distinct values of one field: {@code 2^precision} one-byte
 * registers, whatever the number of values. Precision 11 (2 KiB) has a standard error of about
 * 1.04 / sqrt(2048) = 2.3 %; small counts use linear counting and are close to exact.
 * Two sketches of the same precision merge without loss, so the distinct count of a union of
 * profiles is as good as if the data had been profiled together.
 *
 * <p>Values are fed as well-mixed 64-bit hashes: the top {@code precision} bits pick the register,
 * the rank of the first set bit of the rest is kept if it is the largest seen.
 */
public final class DistinctSketch {

    public static final int MIN_PRECISION = 4;
    public static final int MAX_PRECISION = 16;
    public static final int DEFAULT_PRECISION = 11;

    private final int precision;
    private final byte[] registers;

    private DistinctSketch(int precision, byte[] registers) {
        this.precision = precision;
        this.registers = registers;
    }

    /** A sketch that has seen nothing. */
    public static DistinctSketch empty(int precision) {
        checkPrecision(precision);
        return new DistinctSketch(precision, new byte[1 << precision]);
    }

    /** A sketch with a copy of {@code registers}, which must hold {@code 2^precision} valid ranks. */
    public static DistinctSketch of(int precision, byte[] registers) {
        checkPrecision(precision);
        requireNonNull(registers, "registers is null");
        if (registers.length != 1 << precision) {
            throw new IllegalArgumentException("a sketch of precision " + precision + " has " + (1 << precision)
                    + " registers, got " + registers.length);
        }
        int maxRank = maxRank(precision);
        for (int i = 0; i < registers.length; i++) {
            if (registers[i] < 0 || registers[i] > maxRank) {
                throw new IllegalArgumentException("register " + i + " holds rank " + registers[i]
                        + ", outside 0.." + maxRank + " for precision " + precision);
            }
        }
        return new DistinctSketch(precision, registers.clone());
    }

    /** The largest rank a register can hold: the position of the first set bit in the remaining bits, plus one. */
    public static int maxRank(int precision) {
        return 64 - precision + 1;
    }

    /** The register index of {@code hash} at {@code precision}. */
    public static int registerIndex(long hash, int precision) {
        return (int) (hash >>> (64 - precision));
    }

    /** The rank of {@code hash} at {@code precision}: leading zeros of the bits after the index, plus one. */
    public static int rank(long hash, int precision) {
        long rest = hash << precision;
        return rest == 0 ? maxRank(precision) : Long.numberOfLeadingZeros(rest) + 1;
    }

    private static void checkPrecision(int precision) {
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("sketch precision must be " + MIN_PRECISION + " to " + MAX_PRECISION
                    + ", got " + precision);
        }
    }

    public int precision() {
        return precision;
    }

    /** The bytes of register memory this sketch holds. */
    public int sizeInBytes() {
        return registers.length;
    }

    public boolean isEmpty() {
        for (byte r : registers) {
            if (r != 0) {
                return false;
            }
        }
        return true;
    }

    /** The estimated number of distinct values fed to this sketch. */
    public long estimate() {
        return estimate(registers);
    }

    /** The HyperLogLog estimate of {@code registers}, with linear counting for small cardinalities. */
    public static long estimate(byte[] registers) {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Double.longBitsToDouble((1023L - r) << 52); // 2^-r, exact
            if (r == 0) {
                zeros++;
            }
        }
        if (zeros == m) {
            return 0;
        }
        double alpha = switch (m) {
            case 16 -> 0.673;
            case 32 -> 0.697;
            case 64 -> 0.709;
            default -> 0.7213 / (1 + 1.079 / m);
        };
        double raw = alpha * m * (double) m / sum;
        if (raw <= 2.5 * m && zeros > 0) {
            return Math.round(m * Math.log((double) m / zeros));
        }
        return Math.round(raw);
    }

    /** The sketch of the union of both inputs. */
    public DistinctSketch union(DistinctSketch other) {
        requireNonNull(other, "other is null");
        if (other.precision != precision) {
            throw new IllegalArgumentException("cannot merge distinct sketches of precision " + precision
                    + " and " + other.precision);
        }
        byte[] merged = registers.clone();
        for (int i = 0; i < merged.length; i++) {
            if (other.registers[i] > merged[i]) {
                merged[i] = other.registers[i];
            }
        }
        return new DistinctSketch(precision, merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinctSketch s && s.precision == precision && Arrays.equals(s.registers, registers);
    }

    @Override
    public int hashCode() {
        return 31 * precision + Arrays.hashCode(registers);
    }

    @Override
    public String toString() {
        return "DistinctSketch[precision=" + precision + ", estimate=" + estimate() + "]";
    }
}
