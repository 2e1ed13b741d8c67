package dev.sluice.ingestion;

import io.micronaut.runtime.Micronaut;

/** Runs the HTTP collector and the Kafka pipeline. */
public final class IngestionApplication {

    private IngestionApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestionApplication.class, args);
    }
}
