package dev.sluice.ingestion.pipeline;

/**
 * Whether this instance is the one that should run the lake's table maintenance now.
 *
 * <p>Every ingestion instance consumes in the same consumer group, so Kafka already elects: the
 * instance that is assigned partition 0 of the first of the pipeline's topics (in name order)
 * leads. At most one instance holds that partition at a time, and when it goes away the group
 * hands the partition, and the leadership, to another. Around a rebalance two passes may overlap
 * for a moment; maintenance commits are Iceberg commits, which fail on a conflict rather than
 * corrupt a table, so an overlap costs a retry, never data.
 */
public interface MaintenanceLeadership {

    /** True while this instance's pipeline runs and owns the leader partition. */
    boolean leads();

    /** A short description for logs, e.g. the leader partition. */
    String describe();
}
