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
}
