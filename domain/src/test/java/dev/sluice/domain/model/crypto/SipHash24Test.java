package dev.sluice.domain.model.crypto;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipHash24Test {

    /**
     * vectors_sip64 of the reference implementation (github.com/veorq/SipHash, vectors.h): the
     * output bytes for key 00 01 .. 0f and message 00 01 .. (i-1), i = 0 to 63.
     */
    private static final String[] VECTORS = {
            "310e0edd47db6f72", "fd67dc93c539f874", "5a4fa9d909806c0d", "2d7efbd796666785",
            "b7877127e09427cf", "8da699cd64557618", "cee3fe586e46c9cb", "37d1018bf50002ab",
            "6224939a79f5f593", "b0e4a90bdf82009e", "f3b9dd94c5bb5d7a", "a7ad6b22462fb3f4",
            "fbe50e86bc8f1e75", "903d84c02756ea14", "eef27a8e90ca23f7", "e545be4961ca29a1",
            "db9bc2577fcc2a3f", "9447be2cf5e99a69", "9cd38d96f0b3c14b", "bd6179a71dc96dbb",
            "98eea21af25cd6be", "c7673b2eb0cbf2d0", "883ea3e395675393", "c8ce5ccd8c030ca8",
            "94af49f6c650adb8", "eab8858ade92e1bc", "f315bb5bb835d817", "adcf6b0763612e2f",
            "a5c91da7acaa4dde", "716595876650a2a6", "28ef495c53a387ad", "42c341d8fa92d832",
            "ce7cf2722f512771", "e37859f94623f3a7", "381205bb1ab0e012", "ae97a10fd434e015",
            "b4a31508beff4d31", "81396229f0907902", "4d0cf49ee5d4dcca", "5c73336a76d8bf9a",
            "d0a704536ba93e0e", "925958fcd6420cad", "a915c29bc8067318", "952b79f3bc0aa6d4",
            "f21df2e41d4535f9", "87577519048f53a9", "10a56cf5dfcd9adb", "eb75095ccd986cd0",
            "51a9cb9ecba312e6", "96afadfc2ce666c7", "72fe52975a4364ee", "5a1645b276d592a1",
            "b274cb8ebf87870a", "6f9bb4203de7b381", "eaecb2a30b22a87f", "9924a43cc1315724",
            "bd838d3aafbf8db7", "0b1a2a3265d51aea", "135079a3231ce660", "932b2846e4d70666",
            "e1915f5cb1eca46c", "f325965ca16d629f", "575ff28e60381be5", "724506eb4c328a95"};

    private static final SipHash24 REFERENCE_KEY = SipHash24.withKey(sequence(16));

    private static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static String littleEndianHex(long hash) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(Long.reverseBytes(hash)).array());
    }

    @Test
    void matchesTheSixtyFourReferenceVectors() {
        for (int i = 0; i < 64; i++) {
            assertThat(littleEndianHex(REFERENCE_KEY.hash(sequence(i)))).as("message of %d bytes", i).isEqualTo(VECTORS[i]);
        }
    }

    @Test
    void anIncrementalHashFedInWordsEqualsTheOneShotHash() {
        // 0..63 fed as one byte, then big-endian ints and longs, crossing the 8-byte word boundary at every offset
        for (int skew = 0; skew < 8; skew++) {
            SipHash24.State s = REFERENCE_KEY.start();
            int fed = 0;
            for (; fed < skew; fed++) {
                s.update((byte) fed);
            }
            while (fed + 8 <= 48) {
                s.updateLong(ByteBuffer.wrap(sequence(64), fed, 8).getLong());
                fed += 8;
            }
            while (fed + 4 <= 60) {
                s.updateInt(ByteBuffer.wrap(sequence(64), fed, 4).getInt());
                fed += 4;
            }
            for (; fed < 63; fed++) {
                s.update((byte) fed);
            }
            assertThat(littleEndianHex(s.finish())).as("skew %d", skew).isEqualTo(VECTORS[63]);
        }
    }

    @Test
    void aStringIsItsUtf8LengthThenItsUtf8Bytes() {
        Random random = new Random(7);
        String[] samples = {"", "a", "EVENT_a1b2c3d4", "Los Angeles, CA 90001 - exactly thirty-two!", "Zürich",
                "東京", "emoji \uD83D\uDE00 pair", "lone \uD800 high", "lone \uDC00 low", "end high \uD83D",
                "an ASCII text that is longer than one whole 64-byte block of SipHash input, by a good margin",
                "a long text with one non-ASCII char at its very end, longer than the block: ends in \u00e9"};
        for (int round = 0; round < 200; round++) {
            String text = round < samples.length ? samples[round] : randomText(random, round % 2 == 0);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            // Skews 0..7 cross every word boundary; 40..63 make the text cross the end of the 64-byte block.
            for (int skew : SKEWS) {
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                SipHash24.State s = REFERENCE_KEY.start();
                for (int k = 0; k < skew; k++) {
                    s.update((byte) 0x5A);
                    expected.write(0x5A);
                }
                s.updateString(text);
                expected.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
                expected.writeBytes(utf8);
                assertThat(s.finish()).as("'%s' after %d bytes", text, skew).isEqualTo(REFERENCE_KEY.hash(expected.toByteArray()));
            }
        }
    }

    private static final int[] SKEWS = {0, 1, 2, 3, 4, 5, 6, 7, 40, 50, 59, 60, 61, 63};

    private static String randomText(Random random, boolean asciiOnly) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(150);
        for (int i = 0; i < n; i++) {
            b.append(switch (asciiOnly ? 0 : random.nextInt(4)) {
                case 0, 1 -> (char) (0x20 + random.nextInt(0x5F));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                default -> (char) (0x800 + random.nextInt(0xF7FF));
            });
        }
        return b.toString();
    }

    @Test
    void aRestartedStateHashesLikeAFreshOneWhateverItHeld() {
        SipHash24.State reused = REFERENCE_KEY.start();
        for (int i = 63; i >= 0; i--) {
            // Leave part of a block and a count behind, then start over.
            for (int k = 0; k < 5 + 13 * (i % 9); k++) {
                reused.update((byte) k);
            }
            reused.restart();
            for (byte b : sequence(i)) {
                reused.update(b);
            }
            assertThat(littleEndianHex(reused.finish())).as("message of %d bytes", i).isEqualTo(VECTORS[i]);
            reused.restart();
        }
    }

    @Test
    void refusesAKeyThatIsNotSixteenBytes() {
        assertThatThrownBy(() -> SipHash24.withKey(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15");
    }
}
