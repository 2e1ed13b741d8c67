package dev.sluice.lake.parquet;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned integers (definition and
 * repetition levels, dictionary ids), as the format specifies it:
 * <pre>
 *   run          := rle-run | bit-packed-run
 *   rle-run      := varint(count &lt;&lt; 1), the value in ceil(width / 8) little-endian bytes
 *   bit-packed   := varint(groups &lt;&lt; 1 | 1), groups × 8 values of {@code width} bits, LSB first
 * </pre>
 * A run of 8 or more equal values becomes an RLE run; other values are bit-packed in groups of 8.
 * Only the last group of the data may be padded (readers know how many values there are).
 */
final class Hybrid {

    private static final int MIN_RLE_RUN = 8;

    private Hybrid() {
    }

    /** The bit width of values 0..{@code max}, as Parquet computes it (0 for a maximum of 0). */
    static int width(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    /** Encodes {@code values[0..count)}, each in {@code [0, 2^width)}, onto the end of {@code out}. */
    static void encode(int[] values, int count, int width, ByteSink out) {
        int i = 0;
        while (i < count) {
            int run = runAt(values, i, count);
            if (run >= MIN_RLE_RUN) {
                rle(values[i], run, width, out);
                i += run;
                continue;
            }
            // Bit-pack groups of 8 until a long run starts at a group boundary (or the data ends).
            int start = i;
            do {
                i += 8;
            } while (i < count && runAt(values, i, count) < MIN_RLE_RUN);
            int end = Math.min(i, count);
            int groups = (end - start + 7) >>> 3;
            out.putVarint(groups << 1 | 1);
            pack(values, start, end, groups << 3, width, out);
            i = end;
        }
    }

    /** Encodes levels (bytes) the same way; {@code scratch} is reused between calls. */
    static int[] encode(byte[] levels, int count, int width, ByteSink out, int[] scratch) {
        if (allEqual(levels, count)) {
            if (count > 0) {
                rle(levels[0], count, width, out);
            }
            return scratch;
        }
        int[] ints = scratch.length >= count ? scratch : new int[Math.max(count, scratch.length * 2)];
        for (int k = 0; k < count; k++) {
            ints[k] = levels[k];
        }
        encode(ints, count, width, out);
        return ints;
    }

    static boolean allEqual(byte[] values, int count) {
        if (count == 0) {
            return true;
        }
        byte first = values[0];
        for (int k = 1; k < count; k++) {
            if (values[k] != first) {
                return false;
            }
        }
        return true;
    }

    private static int runAt(int[] values, int at, int count) {
        int v = values[at];
        int j = at + 1;
        while (j < count && values[j] == v) {
            j++;
        }
        return j - at;
    }

    static void rle(int value, int count, int width, ByteSink out) {
        out.putVarint(count << 1);
        for (int b = 0, bytes = (width + 7) >>> 3; b < bytes; b++) {
            out.put((byte) (value >>> (b * 8)));
        }
    }

    /** {@code padded} values from {@code start}, those at {@code end} or beyond written as 0. */
    private static void pack(int[] values, int start, int end, int padded, int width, ByteSink out) {
        out.reserve((padded >>> 3) * width);
        long acc = 0;
        int bits = 0;
        for (int k = 0; k < padded; k++) {
            int idx = start + k;
            long v = idx < end ? values[idx] & 0xFFFFFFFFL : 0;
            acc |= v << bits;
            bits += width;
            while (bits >= 8) {
                out.put((byte) acc);
                acc >>>= 8;
                bits -= 8;
            }
        }
    }
}
