package dev.sluice.ingestion.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
