package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.model.dedup.ContentFingerprinter;
import dev.sluice.domain.model.dedup.DedupPolicy;
import dev.sluice.domain.model.ingest.UnknownSubjectPolicy;
import dev.sluice.domain.model.lateness.LatenessPolicy;
import dev.sluice.domain.model.pii.Pseudonymiser;

import static java.util.Objects.requireNonNull;

/**
 * The decisions the ingestion service delegates, as plain values built by the adapter's wiring
 * from its configuration.
 *
 * @param lateness classifies event time against ingest time, per source
 * @param dedup decides first-seen, duplicate or conflicting duplicate
 * @param unknownSubjects discover or enforce, per source
 * @param pseudonymiser replaces PII values with keyed pseudonyms
 * @param fingerprinter computes content fingerprints for dedup
 */
public record IngestPolicies(
        LatenessPolicy lateness,
        DedupPolicy dedup,
        UnknownSubjectPolicy unknownSubjects,
        Pseudonymiser pseudonymiser,
        ContentFingerprinter fingerprinter) {

    public IngestPolicies {
        requireNonNull(lateness, "lateness is null");
        requireNonNull(dedup, "dedup is null");
        requireNonNull(unknownSubjects, "unknownSubjects is null");
        requireNonNull(pseudonymiser, "pseudonymiser is null");
        requireNonNull(fingerprinter, "fingerprinter is null");
    }
}
