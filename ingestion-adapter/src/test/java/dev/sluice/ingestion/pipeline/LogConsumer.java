package dev.sluice.ingestion.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Kafka's {@link MockConsumer} over a replayable log: each poll serves up to {@code perPoll} records
 * of every assigned, unpaused partition from its position on, as a broker would after a seek. The
 * end offsets (and so {@link #currentLag}) are whatever the test sets with {@link #updateEndOffsets}.
 */
final class LogConsumer extends MockConsumer<byte[], byte[]> {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log;
    private final int perPoll;

    LogConsumer(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log, int perPoll) {
        super("earliest");
        this.log = log;
        this.perPoll = perPoll;
    }

    /**
     * A log of {@code perPartition} ACME records (seed 002's sample, event time a minute ago) per
     * partition, offsets from 0, each record's event id {@code id.apply(partition, offset)}.
     */
    static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> acmeLog(List<TopicPartition> partitions,
                                                                            int perPartition,
                                                                            BiFunction<Integer, Integer, String> id) {
        String text = TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_timestamp", Instant.now().minusSeconds(60).toString()).build()));
        long now = System.currentTimeMillis();
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
        for (TopicPartition tp : partitions) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int o = 0; o < perPartition; o++) {
                records.add(new ConsumerRecord<>(tp.topic(), tp.partition(), o, now + o, TimestampType.CREATE_TIME, 0, 0,
                        null, text.replace("EVENT_a1b2c3d4", id.apply(tp.partition(), o)).getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders(), Optional.empty()));
            }
            log.put(tp, records);
        }
        return log;
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        for (TopicPartition tp : assignment()) {
            if (paused().contains(tp)) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
            long position = position(tp);
            for (long o = position; o < Math.min(records.size(), position + perPoll); o++) {
                addRecord(records.get((int) o));
            }
        }
        return super.poll(timeout);
    }
}
