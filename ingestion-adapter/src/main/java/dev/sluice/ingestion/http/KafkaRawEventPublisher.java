package dev.sluice.ingestion.http;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Sends to the raw topic with an idempotent {@code acks=all} producer and waits for every ack.
 * A send whose future has already failed (no metadata within {@code max.block.ms}, buffer full)
 * stops the request at once instead of waiting once per record.
 */
final class KafkaRawEventPublisher implements RawEventPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;

    KafkaRawEventPublisher(Producer<byte[], byte[]> producer, String topic, Duration ackTimeout) {
        this.producer = requireNonNull(producer, "producer is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.ackTimeout = requireNonNull(ackTimeout, "ackTimeout is null");
    }

    @Override
    public void publishAll(List<RawRecord> records) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (RawRecord r : records) {
                Future<RecordMetadata> ack = producer.send(toProducerRecord(r));
                if (ack.isDone()) {
                    ack.get();
                }
                acks.add(ack);
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge a record for " + topic + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + records.size() + " records for " + topic
                    + " within " + ackTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka's acknowledgement", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new PublishFailedException("Kafka refused a record for " + topic + ": " + e, e);
        }
    }

    private ProducerRecord<byte[], byte[]> toProducerRecord(RawRecord r) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            headers.add(new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return new ProducerRecord<>(topic, null, r.timestampMillis(), r.key(), r.value(), headers);
    }
}
