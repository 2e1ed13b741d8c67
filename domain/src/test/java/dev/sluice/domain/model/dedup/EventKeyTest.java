package dev.sluice.domain.model.dedup;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventKeyTest {

    @Test
    void isStableForTheSameSourceAndId() {
        assertThat(EventKey.of("acme", "EVENT_a1b2c3d4")).isEqualTo(EventKey.of("acme", "EVENT_a1b2c3d4"));
    }

    @Test
    void isTheFirst128BitsOfSha256OfTheLengthPrefixedParts() {
        // SHA-256 of 00000004 "acme" 00000001 "x", computed here without EventKey.
        assertThat(EventKey.of("acme", "x").toHex()).isEqualTo(expectedHexOfAcmeX());
    }

    private static String expectedHexOfAcmeX() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(new byte[] {0, 0, 0, 4, 'a', 'c', 'm', 'e', 0, 0, 0, 1, 'x'});
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sourceAndIdCannotBeShiftedIntoEachOther() {
        assertThat(EventKey.of("ab", "c")).isNotEqualTo(EventKey.of("a", "bc"));
    }

    @Test
    void differsAcrossSourcesForTheSameId() {
        assertThat(EventKey.of("acme", "1")).isNotEqualTo(EventKey.of("shop", "1"));
    }

    @Test
    void hasNoCollisionsAmongManyIds() {
        Set<EventKey> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(EventKey.of("acme", "EVENT_" + i));
        }
        assertThat(keys).hasSize(100_000);
    }

    @Test
    void roundTripsThroughHex() {
        EventKey key = EventKey.of("acme", "EVENT_a1b2c3d4");

        assertThat(EventKey.fromHex(key.toHex())).isEqualTo(key);
        assertThat(key.toHex()).hasSize(32);
    }

    /**
     * Keys computed one after another on a thread's reused digest equal the reference construction
     * (SHA-256 of the length-prefixed UTF-8 parts, computed here from scratch), for ASCII, non-ASCII
     * and ids longer than the reused buffer, in any order: keys held in the lake must never change.
     */
    @Test
    void everyKeyEqualsTheReferenceConstructionWhateverCameBefore() throws Exception {
        String[] sources = {"acme", "caf\u00e9-shop", "s"};
        String[] ids = {"EVENT_a1b2c3d4", "", "\u00fcber-\uD83D\uDE00-1", "x".repeat(300), "42"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 500; n++) {
            String source = sources[random.nextInt(sources.length)];
            String id = ids[random.nextInt(ids.length)];
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, id}) {
                byte[] utf8 = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha.update(java.nio.ByteBuffer.allocate(4).putInt(utf8.length).array());
                sha.update(utf8);
            }
            String expected = java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
            assertThat(EventKey.of(source, id).toHex()).as("%s / %s", source, id).isEqualTo(expected);
        }
    }
}
