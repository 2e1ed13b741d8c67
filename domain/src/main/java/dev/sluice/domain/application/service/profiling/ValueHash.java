package dev.sluice.domain.application.service.profiling;

import java.math.BigDecimal;

/**
 * 64-bit hashes of values for the distinct-count sketches. Equal numbers hash alike whatever their
 * representation (1, 1.0 and 1E0 are one value); strings and numbers never collide by design
 * because they are salted differently.
 */
final class ValueHash {

    private static final long STRING_SALT = 0x9E3779B97F4A7C15L;
    private static final long NUMBER_SALT = 0xC2B2AE3D27D4EB4FL;
    private static final long TRUE_HASH = mix(0x165667B19E3779F9L);
    private static final long FALSE_HASH = mix(0x27D4EB2F165667C5L);

    private ValueHash() {
    }

    /** FNV-1a over the UTF-16 units, finished with MurmurHash3's 64-bit mixer. */
    static long ofString(String s) {
        long h = STRING_SALT ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    static long ofLong(long v) {
        return mix(v ^ NUMBER_SALT);
    }

    static long ofDouble(double d) {
        if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
            return ofLong((long) d);
        }
        return mix(Double.doubleToLongBits(d) * 31 ^ NUMBER_SALT);
    }

    static long ofNumber(Number n) {
        return switch (n) {
            case Long l -> ofLong(l);
            case Double d -> ofDouble(d);
            case BigDecimal b -> {
                BigDecimal stripped = b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
                yield ofString(stripped.toString()) ^ NUMBER_SALT;
            }
            default -> ofDouble(n.doubleValue());
        };
    }

    static long ofBoolean(boolean b) {
        return b ? TRUE_HASH : FALSE_HASH;
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
