package dev.sluice.domain.model.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HmacSha256Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void matchesRfc4231TestCase1() {
        byte[] key = unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

        assertThat(hex(HmacSha256.withKey(key).mac("Hi There")))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void matchesRfc4231TestCase2WithAShortKey() {
        assertThat(hex(HmacSha256.withKey("Jefe".getBytes(StandardCharsets.US_ASCII)).mac("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesRfc4231TestCase6WithAKeyLongerThanTheBlock() {
        byte[] key = new byte[131];
        java.util.Arrays.fill(key, (byte) 0xaa);

        assertThat(hex(HmacSha256.withKey(key).mac("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void agreesWithJavaxCryptoMacOnRandomInputs() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + random.nextInt(100)];
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(key);
            random.nextBytes(message);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));

            assertThat(HmacSha256.withKey(key).mac(message)).isEqualTo(mac.doFinal(message));
        }
    }

    @Test
    void aSessionFedInPiecesEqualsOneMacOfTheWhole() {
        HmacSha256 hmac = HmacSha256.withKey(new byte[] {1, 2, 3});
        byte[] whole = {0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 9, 'x'};

        byte[] pieces = hmac.start().updateInt(7).updateLong(9).update((byte) 'x').finish();

        assertThat(pieces).isEqualTo(hmac.mac(whole));
    }

    /**
     * One instance, reused MAC after MAC on each thread's own digests: every MAC still equals a fresh
     * {@code javax.crypto.Mac}'s, whatever came before it on that thread (ASCII and non-ASCII text,
     * long and empty messages), and threads do not disturb each other.
     */
    @Test
    void reusedOnManyThreadsEveryMacEqualsAFreshOne() throws Exception {
        byte[] key = "test-pii-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.US_ASCII);
        HmacSha256 hmac = HmacSha256.withKey(key);
        String[] texts = {"CUST_5e6f7g8h", "", "caf\u00e9 \uD83D\uDE00", "192.168.1.100", "x".repeat(5000),
                "DEVICE_7q8r9s0t"};
        String[] expected = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected[i] = hex(mac.doFinal(texts[i].getBytes(StandardCharsets.UTF_8)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    for (int n = 0; n < 2_000; n++) {
                        int i = random.nextInt(texts.length);
                        String got = random.nextBoolean() ? hmac.macHex(texts[i]) : hex(hmac.mac(texts[i]));
                        assertThat(got).as("text %d after %d MACs on this thread", i, n).isEqualTo(expected[i]);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] first = hmac.mac(new byte[] {1, 2});
        byte[] second = hmac.mac(new byte[] {1, 2});
        assertThat(first).as("each mac(byte[]) is the caller's own array").isEqualTo(second).isNotSameAs(second);
    }
}
