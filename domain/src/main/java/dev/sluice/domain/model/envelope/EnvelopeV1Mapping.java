package dev.sluice.domain.model.envelope;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Items are envelope v1 documents (seed 000), also in seed 003's variant. What
 * {@link EnvelopeMapper} accepts:
 * <ul>
 *   <li>{@code event_id}, {@code event_type}: strings, required.</li>
 *   <li>{@code source}: a string, or seed 003's object {@code {"service": ..., "instance": ...}},
 *       whose {@code service} becomes the source and which fills {@code metadata.service} (from
 *       {@code service}) and {@code metadata.host} (from {@code instance}) when metadata does not
 *       give them.</li>
 *   <li>{@code event_timestamp}: ISO-8601 with an offset, or epoch milliseconds; seed 003's
 *       {@code timestamp} is accepted in its place (not both).</li>
 *   <li>{@code payload}: an object, required.</li>
 *   <li>{@code metadata}: an object with {@code host}, {@code env} and {@code service} (strings)
 *       and extra keys (strings, numbers or booleans, kept as text).</li>
 *   <li>{@code event_version}, {@code correlation_id}, {@code org_id}: optional (seed 003); a
 *       number is kept as its text, seed 003's {@code "org_id": 456} becomes {@code "456"}.</li>
 *   <li>{@code ingest_timestamp}: ignored; Sluice sets it from the channel.</li>
 *   <li>Any other top-level member is an error: envelope v1 is a strict contract.</li>
 * </ul>
 *
 * @param metadataDefaults metadata values used when neither the document nor its source object
 *     gives them, for example {@code env=prod} for a topic whose producers never send it
 */
public record EnvelopeV1Mapping(Map<String, String> metadataDefaults) implements EnvelopeMapping {

    /** No defaults: every document must carry host, env and service itself. */
    public static final EnvelopeV1Mapping STRICT = new EnvelopeV1Mapping(Map.of());

    public EnvelopeV1Mapping {
        metadataDefaults = Map.copyOf(requireNonNull(metadataDefaults, "metadataDefaults is null"));
        metadataDefaults.forEach((k, v) -> {
            if (k.isBlank() || v.isBlank()) {
                throw new IllegalArgumentException("metadata defaults need non-blank keys and values, got '"
                        + k + "' = '" + v + "'");
            }
        });
    }
}
