package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.error.DomainErrorCode;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.ingestion.RawTopicHeaders;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Dead letters go to the lake's table first (the durable, idempotent record), then to
 * {@code {topic}.dlq} (seed 003) with the reason in header {@value RawTopicHeaders#DLQ_REASON}, the
 * detail and the original coordinates. The topic copy is at least once: a batch retried after a
 * crash publishes its dead letters again (consumers dedup by the coordinates headers); the table
 * keeps them single. The call returns only when Kafka acknowledged every record.
 */
final class DlqPublishingDeadLetterSink implements DeadLetterSink {

    private final DeadLetterSink table;
    private final Producer<byte[], byte[]> producer;
    private final long ackTimeoutMillis;

    DlqPublishingDeadLetterSink(DeadLetterSink table, Producer<byte[], byte[]> producer, long ackTimeoutMillis) {
        this.table = requireNonNull(table, "table is null");
        this.producer = requireNonNull(producer, "producer is null");
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @Override
    public void write(List<DeadLetter> deadLetters) {
        table.write(deadLetters);
        List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
        try {
            for (DeadLetter d : deadLetters) {
                if (d.channel() instanceof KafkaCoordinates k) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(RawTopicHeaders.DLQ_REASON, utf8(d.reason().name()));
                    headers.add(RawTopicHeaders.DLQ_DETAIL, utf8(d.detail()));
                    headers.add(RawTopicHeaders.DLQ_TOPIC, utf8(k.topic()));
                    headers.add(RawTopicHeaders.DLQ_PARTITION, utf8(Integer.toString(k.partition())));
                    headers.add(RawTopicHeaders.DLQ_OFFSET, utf8(Long.toString(k.offset())));
                    sent.add(producer.send(new ProducerRecord<>(k.topic() + ".dlq", null, d.receivedAt().toEpochMilli(),
                            d.eventId() == null ? null : utf8(d.eventId()), d.originalBytes().toByteArray(), headers)));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new InfrastructureException(DomainErrorCode.DEAD_LETTER_WRITE_FAILED,
                    "Cannot publish " + sent.size() + " dead letters to their .dlq topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException(DomainErrorCode.DEAD_LETTER_WRITE_FAILED,
                    "Interrupted while publishing dead letters to their .dlq topics", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
