package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.payload.ObjectValue;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A payload after pseudonymisation.
 *
 * @param payload the payload, PII values replaced by pseudonyms
 * @param keyId the id of the key the pseudonyms were made with, or {@code null} when nothing was replaced
 * @param replaced how many values were replaced
 */
public record Pseudonymised(ObjectValue payload, String keyId, int replaced) {

    public Pseudonymised {
        requireNonNull(payload, "payload is null");
        if (replaced < 0) {
            throw new IllegalArgumentException("replaced is negative: " + replaced);
        }
        if ((keyId == null) != (replaced == 0)) {
            throw new IllegalArgumentException("a key id is recorded exactly when values were replaced; keyId "
                    + keyId + ", replaced " + replaced);
        }
    }

    public Optional<String> keyIdOptional() {
        return Optional.ofNullable(keyId);
    }
}
