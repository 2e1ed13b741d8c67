package dev.sluice.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.sluice.localstack.Endpoints.S3Endpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@LocalStackServers(Server.S3)
class S3SmokeTest {

    @Test
    void objectsPutAreListedAndReadBack(S3Endpoint s3) {
        String bucket = "smoke-" + UUID.randomUUID();
        s3.createBucket(bucket);
        s3.createBucket(bucket); // idempotent

        try (S3Client client = s3.newClient()) {
            client.putObject(put -> put.bucket(bucket).key("raw/source=acme/date=2026-11-22/a.json"), RequestBody.fromString("{\"a\":1}"));
            client.putObject(put -> put.bucket(bucket).key("raw/source=acme/date=2026-11-22/b.json"), RequestBody.fromString("{\"b\":2}"));
            client.putObject(put -> put.bucket(bucket).key("other/c.json"), RequestBody.fromString("{}"));

            assertThat(client.getObjectAsBytes(get -> get.bucket(bucket).key("raw/source=acme/date=2026-11-22/b.json")).asUtf8String())
                    .isEqualTo("{\"b\":2}");
            assertThat(client.listObjectsV2(list -> list.bucket(bucket).prefix("raw/")).contents())
                    .extracting(S3Object::key)
                    .containsExactly("raw/source=acme/date=2026-11-22/a.json", "raw/source=acme/date=2026-11-22/b.json");
        }
    }
}
