package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {

    @Test
    void keysAreGeneratedOnceAndReusedOnRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");

        Keys first = Keys.loadOrCreate(file);
        Keys second = Keys.loadOrCreate(file);

        assertThat(second).isEqualTo(first);
        assertThat(first.producer()).matches("local\\.[0-9a-f]{48}");
        assertThat(first.registryRead()).isNotEqualTo(first.registryAdmin());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theCollectorIsGivenTheSha256OfTheSecretOnly(@TempDir Path dir) throws Exception {
        Keys keys = Keys.loadOrCreate(dir.resolve("keys.json"));
        String secret = keys.producer().substring("local.".length());

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));

        assertThat(keys.producerSha256()).isEqualTo(expected);
    }

    @Test
    void aKeysFileWithoutTheReplaySecretGetsOneAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "{\"producer\":\"local.abc\",\"registry_read\":\"read-1\",\"registry_admin\":\"admin-1\","
                + "\"pii_secret\":\"pii-0123456789abcdef\",\"fingerprint_secret\":\"fp-0123456789abcdef\"}");

        Keys keys = Keys.loadOrCreate(file);

        assertThat(keys.producer()).isEqualTo("local.abc");
        assertThat(keys.piiSecret()).isEqualTo("pii-0123456789abcdef");
        assertThat(keys.replaySecret()).matches("[0-9a-f]{48}");
        assertThat(Keys.loadOrCreate(file)).as("written once, then reused").isEqualTo(keys);
    }
}
