package dev.sluice.ingestion.pipeline;

import java.io.FileInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The pipeline as a child process for {@link PipelineCrashTest}: it drains an ACME topic into the
 * lake until it is killed. Arguments: bootstrap servers, ACME topic, raw topic, catalog name,
 * namespace, a properties file holding the Iceberg catalog properties.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Properties catalog = new Properties();
        try (FileInputStream in = new FileInputStream(args[5])) {
            catalog.load(in);
        }
        Map<String, String> catalogProperties = new HashMap<>();
        catalog.forEach((k, v) -> catalogProperties.put(k.toString(), v.toString()));
        PipelineConfig config = LakeHarness.fastFailoverConfig(args[0], args[2], 20_000, Duration.ofSeconds(1));
        LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(args[1])), args[3],
                catalogProperties, args[4], null);
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close));
        System.out.println("CHILD STARTED");
        new CountDownLatch(1).await();
    }
}
