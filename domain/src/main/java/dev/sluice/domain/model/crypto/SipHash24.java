package dev.sluice.domain.model.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit pseudo-random function built for
 * short inputs, checked against the 64 test vectors of the reference implementation. The
 * {@link State} is fed incrementally, so a caller can stream a canonical encoding into it without
 * building the bytes first.
 *
 * <p>The output is the 64-bit value of the reference implementation; its little-endian bytes are
 * the reference's 8 output bytes. Immutable and thread-safe; a {@link State} is not.
 */
public final class SipHash24 {

    /** Key length in bytes. */
    public static final int KEY_BYTES = 16;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long k0;
    private final long k1;

    private SipHash24(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A SipHash keyed with the 16 bytes of {@code key} (k0 from bytes 0..7, k1 from 8..15, little-endian). */
    public static SipHash24 withKey(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a SipHash key has " + KEY_BYTES + " bytes, got " + key.length);
        }
        return new SipHash24(littleEndian(key, 0), littleEndian(key, 8));
    }

    /** The hash of {@code message}. */
    public long hash(byte[] message) {
        State s = start();
        s.update(requireNonNull(message, "message is null"), 0, message.length);
        return s.finish();
    }

    /** Starts an incremental hash. */
    public State start() {
        return new State(k0, k1);
    }

    /**
     * An incremental computation: feed bytes, then {@link #finish()} once. Bytes collect in a
     * 64-byte block that is compressed as a whole, in local variables, when it fills up.
     */
    public static final class State {
        private static final int BLOCK = 64;
        private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private long v0;
        private long v1;
        private long v2;
        private long v3;
        private final byte[] block = new byte[BLOCK];
        private int pos;            // bytes in block, always < BLOCK between calls
        private long compressed;    // bytes compressed so far (whole blocks)

        private final long k0;
        private final long k1;

        private State(long k0, long k1) {
            this.k0 = k0;
            this.k1 = k1;
            restart();
        }

        /**
         * Starts a new hash with the same key, as {@link SipHash24#start()} would, reusing this state's
         * buffer: for a caller that hashes message after message on one thread.
         */
        public State restart() {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
            pos = 0;
            compressed = 0;
            return this;
        }

        public State update(byte b) {
            block[pos++] = b;
            if (pos == BLOCK) {
                flush();
            }
            return this;
        }

        /** Four bytes, big-endian. */
        public State updateInt(int value) {
            if (pos + 4 <= BLOCK) {
                INT_BE.set(block, pos, value);
                pos += 4;
                if (pos == BLOCK) {
                    flush();
                }
            } else {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    update((byte) (value >>> shift));
                }
            }
            return this;
        }

        /** Eight bytes, big-endian. */
        public State updateLong(long value) {
            if (pos + 8 <= BLOCK) {
                LONG_BE.set(block, pos, value);
                pos += 8;
                if (pos == BLOCK) {
                    flush();
                }
            } else {
                for (int shift = 56; shift >= 0; shift -= 8) {
                    update((byte) (value >>> shift));
                }
            }
            return this;
        }

        /**
         * The UTF-8 length as {@link #updateInt(int)}, then the UTF-8 bytes, exactly as
         * {@link String#getBytes} with UTF-8 gives them (an unpaired surrogate is {@code '?'}).
         */
        public State updateString(String text) {
            int n = text.length();
            if (pos + 4 + n <= BLOCK) {
                // Fits in the block: write the length and the chars as ASCII in one pass, and take it
                // back if a char was not ASCII (the block is not compressed before the end of this call).
                int start = pos;
                byte[] b = block;
                int at = start + 4;
                int seen = 0;
                for (int i = 0; i < n; i++) {
                    char c = text.charAt(i);
                    seen |= c;
                    b[at + i] = (byte) c;
                }
                if (seen < 0x80) {
                    INT_BE.set(b, start, n);
                    pos = at + n;
                    if (pos == BLOCK) {
                        flush();
                    }
                    return this;
                }
            } else if (isAscii(text, n)) {
                // Longer ASCII text: block by block, without encoding it into a new array first.
                updateInt(n);
                int i = 0;
                while (i < n) {
                    int k = Math.min(BLOCK - pos, n - i);
                    byte[] b = block;
                    int at = pos;
                    for (int j = 0; j < k; j++) {
                        b[at + j] = (byte) text.charAt(i + j);
                    }
                    pos = at + k;
                    i += k;
                    if (pos == BLOCK) {
                        flush();
                    }
                }
                return this;
            }
            // The JDK's encoder, then block copies.
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            updateInt(utf8.length);
            update(utf8, 0, utf8.length);
            return this;
        }

        /**
         * The length of {@code utf8[from, to)} as {@link #updateInt(int)}, then those bytes: the same
         * input as {@link #updateString} of the text they encode.
         */
        public State updateUtf8(byte[] utf8, int from, int to) {
            updateInt(to - from);
            update(utf8, from, to);
            return this;
        }

        private static boolean isAscii(String text, int n) {
            int seen = 0;
            for (int i = 0; i < n; i++) {
                seen |= text.charAt(i);
            }
            return seen < 0x80;
        }

        private void update(byte[] bytes, int from, int to) {
            int i = from;
            while (i < to) {
                int k = Math.min(BLOCK - pos, to - i);
                System.arraycopy(bytes, i, block, pos, k);
                pos += k;
                i += k;
                if (pos == BLOCK) {
                    flush();
                }
            }
        }

        /** The 64-bit hash. The state cannot be used afterwards. */
        public long finish() {
            int words = pos >>> 3;
            compress(words);
            long last = (compressed + pos) << 56;
            for (int k = 0, at = words << 3; at + k < pos; k++) {
                last |= (block[at + k] & 0xFFL) << (8 * k);
            }
            long x0 = v0;
            long x1 = v1;
            long x2 = v2;
            long x3 = v3;
            x3 ^= last;
            for (int r = 0; r < 2; r++) {
                x0 += x1;
                x1 = Long.rotateLeft(x1, 13);
                x1 ^= x0;
                x0 = Long.rotateLeft(x0, 32);
                x2 += x3;
                x3 = Long.rotateLeft(x3, 16);
                x3 ^= x2;
                x0 += x3;
                x3 = Long.rotateLeft(x3, 21);
                x3 ^= x0;
                x2 += x1;
                x1 = Long.rotateLeft(x1, 17);
                x1 ^= x2;
                x2 = Long.rotateLeft(x2, 32);
            }
            x0 ^= last;
            x2 ^= 0xFF;
            for (int r = 0; r < 4; r++) {
                x0 += x1;
                x1 = Long.rotateLeft(x1, 13);
                x1 ^= x0;
                x0 = Long.rotateLeft(x0, 32);
                x2 += x3;
                x3 = Long.rotateLeft(x3, 16);
                x3 ^= x2;
                x0 += x3;
                x3 = Long.rotateLeft(x3, 21);
                x3 ^= x0;
                x2 += x1;
                x1 = Long.rotateLeft(x1, 17);
                x1 ^= x2;
                x2 = Long.rotateLeft(x2, 32);
            }
            return x0 ^ x1 ^ x2 ^ x3;
        }

        private void flush() {
            compress(BLOCK >>> 3);
            compressed += BLOCK;
            pos = 0;
        }

        /** Compresses the first {@code words} 8-byte little-endian words of the block. */
        private void compress(int words) {
            long x0 = v0;
            long x1 = v1;
            long x2 = v2;
            long x3 = v3;
            byte[] b = block;
            for (int w = 0; w < words; w++) {
                long m = (long) LONG_LE.get(b, w << 3);
                x3 ^= m;
                for (int r = 0; r < 2; r++) {
                    x0 += x1;
                    x1 = Long.rotateLeft(x1, 13);
                    x1 ^= x0;
                    x0 = Long.rotateLeft(x0, 32);
                    x2 += x3;
                    x3 = Long.rotateLeft(x3, 16);
                    x3 ^= x2;
                    x0 += x3;
                    x3 = Long.rotateLeft(x3, 21);
                    x3 ^= x0;
                    x2 += x1;
                    x1 = Long.rotateLeft(x1, 17);
                    x1 ^= x2;
                    x2 = Long.rotateLeft(x2, 32);
                }
                x0 ^= m;
            }
            v0 = x0;
            v1 = x1;
            v2 = x2;
            v3 = x3;
        }
    }

    private static long littleEndian(byte[] b, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[from + i] & 0xFFL);
        }
        return v;
    }
}
