package dev.sluice.ingestion.kafka;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.ingestion.RawTopicHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Replays dead letters: reads a {@code {topic}.dlq} topic from its start to the end it has when the
 * replay starts, picks the records of the given reasons, and sends each back to the topic it came
 * from (header {@code sluice.dlq.topic}) with its original bytes, key and timestamp (the original
 * ingest time, so that lateness is judged as in the live run). With lateness overrides, each record
 * carries them signed with the replay secret ({@link ReplaySignature}); the pipeline stores a
 * TOO_LATE or FUTURE event only then, with its true lateness class. A record replayed twice is an
 * exact duplicate of the first and is counted as one, not stored again.
 *
 * <p>Run it on the ingestion service's class path:
 * <pre>
 * SLUICE_REPLAY_SECRET=... java -cp ... dev.sluice.ingestion.kafka.DeadLetterReplay \
 *     --bootstrap localhost:9092 --dlq acme-telemetry.dlq --reason TOO_LATE,FUTURE_TIMESTAMP \
 *     --override ACCEPT_TOO_LATE,ACCEPT_FUTURE [--dry-run]
 * </pre>
 * Records of other reasons are left alone. A reason that needs no override (a SCHEMA_VIOLATION after
 * the schema was fixed, say) is replayed without {@code --override}.
 */
public final class DeadLetterReplay {

    /** Header of a replayed record: the dead letter it came from, as {@code topic/partition/offset}. */
    public static final String REPLAYED_FROM = "sluice.replay.from";

    /**
     * @param bootstrap Kafka's bootstrap servers
     * @param dlqTopic the dead-letter topic to read ({@code {topic}.dlq})
     * @param reasons the dead-letter reasons to replay; at least one
     * @param overrides the lateness overrides to grant, or empty for none
     * @param secret the replay secret (the pipeline's {@code replay-secret}); required with overrides
     * @param dryRun count what would be replayed, send nothing
     * @param timeout the deadline of the whole replay
     */
    public record Options(String bootstrap, String dlqTopic, Set<DeadLetterReason> reasons, Set<ReplayOverride> overrides,
                          String secret, boolean dryRun, Duration timeout) {
        public Options {
            requireNonNull(bootstrap, "bootstrap is null");
            requireNonNull(dlqTopic, "dlqTopic is null");
            if (!dlqTopic.endsWith(".dlq")) {
                throw new IllegalArgumentException("--dlq must name a dead-letter topic ({topic}.dlq), got " + dlqTopic);
            }
            if (reasons == null || reasons.isEmpty()) {
                throw new IllegalArgumentException("--reason must name at least one dead-letter reason, e.g. TOO_LATE");
            }
            reasons = Set.copyOf(reasons);
            overrides = overrides == null ? Set.of() : Set.copyOf(overrides);
            if (!overrides.isEmpty() && (secret == null || secret.isBlank())) {
                throw new IllegalArgumentException("--override needs the replay secret in SLUICE_REPLAY_SECRET"
                        + " (the pipeline's sluice.ingestion.pipeline.replay-secret)");
            }
            requireNonNull(timeout, "timeout is null");
        }
    }

    /** What the replay read and sent; {@code byReason} counts the records of the dead-letter topic read. */
    public record Result(long read, long replayed, long withoutOrigin, Map<String, Long> byReason) {
    }

    private DeadLetterReplay() {
    }

    /** Runs the replay; progress and the summary go to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        ReplaySignature signer = options.overrides().isEmpty() ? null : ReplaySignature.withSecret(options.secret());
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Map<String, Long> byReason = new TreeMap<>();
        long read = 0;
        long withoutOrigin = 0;
        List<ProducerRecord<byte[], byte[]>> replays = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<PartitionInfo> infos = consumer.partitionsFor(options.dlqTopic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("Topic " + options.dlqTopic() + " does not exist; list the dead-letter "
                        + "topics with kafka-topics.sh --list (they end in .dlq)");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + options.dlqTopic() + " did not finish within "
                            + options.timeout().toSeconds() + " s; " + read + " records read");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // written after the replay started: not part of it
                    }
                    read++;
                    String reason = header(r, RawTopicHeaders.DLQ_REASON);
                    byReason.merge(reason == null ? "(no reason header)" : reason, 1L, Long::sum);
                    if (reason == null || options.reasons().stream().noneMatch(x -> x.name().equals(reason))) {
                        continue;
                    }
                    String origin = header(r, RawTopicHeaders.DLQ_TOPIC);
                    if (origin == null || origin.isBlank()) {
                        withoutOrigin++;
                        continue;
                    }
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(REPLAYED_FROM, utf8(r.topic() + "/" + r.partition() + "/" + r.offset()));
                    if (signer != null) {
                        headers.add(ReplaySignature.OVERRIDES_HEADER, utf8(ReplaySignature.format(options.overrides())));
                        headers.add(ReplaySignature.SIGNATURE_HEADER, utf8(signer.sign(origin, options.overrides(), r.value())));
                    }
                    replays.add(new ProducerRecord<>(origin, null, r.timestamp(), r.key(), r.value(), headers));
                }
            }
        }
        out.printf(Locale.ROOT, "replay: read %,d dead letters of %s (by reason: %s); %,d of reasons %s to replay%s%n",
                read, options.dlqTopic(), byReason, replays.size(), options.reasons(),
                withoutOrigin == 0 ? "" : String.format(Locale.ROOT, " (%,d more have no sluice.dlq.topic header and are skipped)", withoutOrigin));
        if (options.dryRun() || replays.isEmpty()) {
            out.println(options.dryRun() ? "replay: dry run, nothing sent" : "replay: nothing to send");
            return new Result(read, 0, withoutOrigin, byReason);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(replays.size());
            for (ProducerRecord<byte[], byte[]> r : replays) {
                sent.add(producer.send(r));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        out.printf(Locale.ROOT, "replay: %,d records sent back to their topics%s, acknowledged by Kafka%n", replays.size(),
                signer == null ? "" : " with overrides " + ReplaySignature.format(options.overrides()));
        return new Result(read, replays.size(), withoutOrigin, byReason);
    }

    public static void main(String[] args) {
        try {
            Options options = parse(args, System.getenv("SLUICE_REPLAY_SECRET"));
            run(options, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("replay failed: " + e);
            System.exit(1);
        }
    }

    static final String USAGE = """
            usage: DeadLetterReplay --bootstrap HOST:PORT --dlq TOPIC.dlq --reason R[,R...] [--override O[,O...]] [--dry-run] [--timeout SECONDS]
              --reason    dead-letter reasons to replay, e.g. TOO_LATE,FUTURE_TIMESTAMP
              --override  lateness overrides to grant: ACCEPT_TOO_LATE, ACCEPT_FUTURE (needs SLUICE_REPLAY_SECRET)""";

    static Options parse(String[] args, String secret) {
        String bootstrap = null;
        String dlq = null;
        Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
        Set<ReplayOverride> overrides = EnumSet.noneOf(ReplayOverride.class);
        boolean dryRun = false;
        Duration timeout = Duration.ofMinutes(10);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--dry-run" -> dryRun = true;
                case "--bootstrap", "--dlq", "--reason", "--override", "--timeout" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--bootstrap" -> bootstrap = v;
                        case "--dlq" -> dlq = v;
                        case "--reason" -> {
                            for (String r : v.split(",")) {
                                reasons.add(named(DeadLetterReason.class, r.trim(), "--reason"));
                            }
                        }
                        case "--override" -> {
                            for (String o : v.split(",")) {
                                overrides.add(named(ReplayOverride.class, o.trim(), "--override"));
                            }
                        }
                        default -> timeout = Duration.ofSeconds(Long.parseLong(v));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (bootstrap == null || dlq == null) {
            throw new IllegalArgumentException("--bootstrap and --dlq are required");
        }
        return new Options(bootstrap, dlq, reasons, overrides, secret, dryRun, timeout);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String option) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + name + " is not one of " + EnumSet.allOf(type));
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
