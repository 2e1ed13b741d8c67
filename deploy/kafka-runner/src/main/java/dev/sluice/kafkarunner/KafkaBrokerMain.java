package dev.sluice.kafkarunner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs one combined broker and controller in KRaft mode.
 *
 * <ol>
 *   <li>Reads {@code server.properties} given as the only argument.</li>
 *   <li>Formats {@code log.dirs} as a standalone controller quorum, unless it is formatted
 *       already, so that a data directory survives restarts.</li>
 *   <li>Hands over to {@code kafka.Kafka}, which runs until the JVM exits.</li>
 * </ol>
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: KafkaBrokerMain <server.properties>");
        }
        Path config = Path.of(args[0]);
        Path logDir = Path.of(load(config).getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int status = StorageTool.execute(new String[] {
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(),
                    "--standalone", "--ignore-formatted"}, System.out);
            if (status != 0) {
                throw new IllegalStateException("Formatting the KRaft storage in " + logDir + " failed with status " + status);
            }
        }
        Kafka.main(new String[] {config.toString()});
    }

    private static Properties load(Path config) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        }
        return properties;
    }
}
