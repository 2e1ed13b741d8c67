package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.ingest.DeadLetter;

import java.util.List;

/**
 * Where dead letters are kept (the {@code telemetry.dead_letters} table, partitioned by reason and
 * received day, and the {@code {topic}.dlq} topic with the reason in a header). They can be
 * replayed: each keeps the original bytes and the channel coordinates.
 *
 * <p>Contract:
 * <ol>
 *   <li>{@link #write} stores every given dead letter durably before it returns, or throws an
 *       {@link dev.sluice.domain.model.error.InfrastructureException}
 *       ({@code DEAD_LETTER_WRITE_FAILED}) having stored some, all or none of them.</li>
 *   <li>It is idempotent by channel coordinates: a dead letter whose coordinates are already
 *       stored is not stored again. The use case writes dead letters before the lake commit that
 *       moves the stream positions past them, so a batch retried after a crash or a failed commit
 *       writes them again, and this rule keeps them single.</li>
 *   <li>Dead letters are stored exactly as given: bytes, reason, detail, coordinates and times.</li>
 * </ol>
 */
public interface DeadLetterSink {

    void write(List<DeadLetter> deadLetters);
}
