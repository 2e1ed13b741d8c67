package dev.sluice.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A one-node Kafka KRaft broker (broker and controller) in a child JVM. */
final class KafkaBroker {
    private KafkaBroker() {}

    static ChildProcess launch(Path home, Path logs, int port, String heap) {
        try {
            Path logDir = home.resolve("data");
            Files.createDirectories(logDir);
            int controllerPort = controllerPort(home);
            String properties = String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=" + Ports.HOST + ":" + controllerPort,
                    "listeners=PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort,
                    "advertised.listeners=PLAINTEXT://" + Ports.HOST + ":" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDir,
                    "num.partitions=1",
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "num.network.threads=2",
                    "num.io.threads=4",
                    "log.retention.hours=168",
                    "");
            Path config = home.resolve("server.properties");
            Files.writeString(config, properties, StandardCharsets.UTF_8);
            List<String> command = JavaChild.command("kafka", home.resolve("java.args"),
                    List.of("-Xmx" + heap, "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                            "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                            "-Dorg.slf4j.simpleLogger.showDateTime=true"),
                    "dev.sluice.kafkarunner.KafkaBrokerMain", List.of(config.toString()));
            return ChildProcess.start("Kafka", command, home, logs.resolve("kafka.log"), Map.of());
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare Kafka in " + home, e);
        }
    }

    static void awaitReady(ChildProcess broker, String bootstrap, int port, Instant deadline) {
        broker.awaitReady(deadline, () -> {
            if (!Ports.accepts(port)) {
                return false;
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            }
        });
    }

    /** The controller's port is part of the formatted quorum, so it stays the same for a data directory. */
    private static int controllerPort(Path home) throws IOException {
        Path file = home.resolve("controller.port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).strip());
        }
        int port = Ports.resolve(0);
        Files.writeString(file, Integer.toString(port));
        return port;
    }
}
