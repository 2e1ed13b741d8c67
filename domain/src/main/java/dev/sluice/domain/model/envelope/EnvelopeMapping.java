package dev.sluice.domain.model.envelope;

/**
 * How the items of a channel become envelopes: either they are envelope v1 documents
 * ({@link EnvelopeV1Mapping}), or flat records mapped by configuration ({@link SourceMapping}).
 * A new topic therefore needs configuration only, never code.
 */
public sealed interface EnvelopeMapping permits EnvelopeV1Mapping, SourceMapping {
}
