package dev.sluice.launcher.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Identifiers in the seeds' formats. */
final class Ids {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Ids() {}

    /**
     * Seed 002's {@code PREFIX_[8 chars]}. Eight alphanumerics (62^8, about 2e14) rather than eight
     * hex digits (4e9), so that a demo running for hours makes no accidental duplicate ids.
     */
    static String acme(String prefix, RandomGenerator random) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 8; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** Seed 001's hashed ids: SHA-256 as 64 lowercase hex digits. */
    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
