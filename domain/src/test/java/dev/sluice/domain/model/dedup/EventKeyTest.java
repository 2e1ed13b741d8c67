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
}
