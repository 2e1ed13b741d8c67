package dev.sluice.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;

/** s3proxy with its filesystem backend in a child JVM. */
final class S3Proxy {
    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "sluice";
    static final String SECRET_KEY = "sluice-local-secret";

    private S3Proxy() {}

    static ChildProcess launch(Path home, Path logs, int port, String heap) {
        try {
            Path blobs = home.resolve("blobs");
            Files.createDirectories(blobs);
            String properties = String.join("\n",
                    "s3proxy.endpoint=http://" + Ports.HOST + ":" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    // Trino's writes send headers s3proxy does not know; without this they fail with HTTP 501.
                    "s3proxy.ignore-unknown-headers=true",
                    "jclouds.provider=filesystem",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    "jclouds.filesystem.basedir=" + blobs,
                    "");
            Path config = home.resolve("s3proxy.properties");
            Files.writeString(config, properties, StandardCharsets.UTF_8);
            List<String> command = JavaChild.command("s3proxy", home.resolve("java.args"),
                    List.of("-Xmx" + heap, "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                            "-Djava.awt.headless=true", "-Dlogback.configurationFile=" + logbackConfig(home)),
                    "org.gaul.s3proxy.Main", List.of("--properties", config.toString()));
            return ChildProcess.start("s3proxy", command, home, logs.resolve("s3proxy.log"), Map.of());
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare s3proxy in " + home, e);
        }
    }

    /** Without a configuration logback logs every request at DEBUG. */
    private static Path logbackConfig(Path home) throws IOException {
        Path file = home.resolve("logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul" level="INFO"/>
                  <root level="WARN"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    static Endpoints.S3Endpoint endpoint(int port) {
        return new Endpoints.S3Endpoint(URI.create("http://" + Ports.HOST + ":" + port), REGION, ACCESS_KEY, SECRET_KEY);
    }

    static void awaitReady(ChildProcess s3proxy, Endpoints.S3Endpoint endpoint, int port, Instant deadline) {
        s3proxy.awaitReady(deadline, () -> {
            if (!Ports.accepts(port)) {
                return false;
            }
            try (S3Client client = endpoint.newClient()) {
                client.listBuckets();
                return true;
            }
        });
    }
}
