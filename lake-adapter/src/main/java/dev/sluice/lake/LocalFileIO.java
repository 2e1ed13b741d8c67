package dev.sluice.lake;

import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link FileIO} on the local file system without Hadoop ({@code io-impl=dev.sluice.lake.LocalFileIO}),
 * for {@code file://} warehouses: Iceberg's only local FileIO is Hadoop's, which would need
 * Hadoop's whole dependency tree. Public only because Iceberg instantiates it by reflection.
 */
public final class LocalFileIO implements FileIO {

    public LocalFileIO() {
    }

    @Override
    public void initialize(Map<String, String> properties) {
        // nothing to configure
    }

    @Override
    public InputFile newInputFile(String location) {
        return Files.localInput(path(location).toFile());
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return Files.localOutput(path(location).toFile());
    }

    @Override
    public void deleteFile(String location) {
        try {
            java.nio.file.Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + location, e);
        }
    }

    static Path path(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location.startsWith("file:/") && !location.startsWith("file://")
                    ? "file://" + location.substring("file:".length())
                    : location));
        }
        return Path.of(location);
    }
}
