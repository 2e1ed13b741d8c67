package dev.sluice.lake;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.testing.AbstractDeadLetterSinkContractTest;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DeadLetterSink contract on the real catalog. {@code deadLetteredAt} is not a column (the
 * domain calls it informational); the read-back takes it from the dead letters this test wrote,
 * matched by coordinates, so every other field is compared as stored.
 */
@LocalStackServers({Server.POSTGRES, Server.S3})
class IcebergDeadLetterSinkContractTest extends AbstractDeadLetterSinkContractTest {

    private IcebergEndpoint iceberg;
    private Catalog catalog;
    private final List<IcebergEventLake> lakes = new ArrayList<>();
    private final Map<DeadLetterSink, IcebergEventLake> lakeOf = new IdentityHashMap<>();
    private final Map<ChannelCoordinates, java.time.Instant> decidedAt = new java.util.HashMap<>();

    @BeforeEach
    void connect(IcebergEndpoint iceberg) {
        this.iceberg = iceberg;
        this.catalog = LakeTestSupport.catalog(iceberg);
    }

    @AfterEach
    void closeLakes() {
        lakes.forEach(IcebergEventLake::close);
    }

    @Override
    protected DeadLetterSink createSink() {
        IcebergEventLake lake = LakeTestSupport.lake(iceberg, LakeTestSupport.newNamespace("dlq"),
                new InMemorySchemaCatalog(), "dlq-writer");
        lakes.add(lake);
        DeadLetterSink real = Lakes.deadLetterSink(lake, "dlq-writer");
        DeadLetterSink recording = letters -> {
            letters.forEach(d -> decidedAt.putIfAbsent(d.channel(), d.deadLetteredAt()));
            real.write(letters);
        };
        lakeOf.put(recording, lake);
        return recording;
    }

    @Override
    protected List<DeadLetter> readBack(DeadLetterSink sink) {
        IcebergEventLake lake = lakeOf.get(sink);
        List<DeadLetter> out = new ArrayList<>();
        for (Record r : LakeTestSupport.rows(catalog.loadTable(lake.names().deadLetters()))) {
            ChannelCoordinates channel = r.getField("kafka_topic") != null
                    ? new KafkaCoordinates((String) r.getField("kafka_topic"), (Integer) r.getField("kafka_partition"),
                            (Long) r.getField("kafka_offset"))
                    : new HttpCoordinates((String) r.getField("request_id"), (Integer) r.getField("request_index"));
            ByteBuffer buffer = ((ByteBuffer) r.getField("original")).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.add(new DeadLetter(RawBytes.copyOf(bytes), DeadLetterReason.valueOf((String) r.getField("reason")),
                    (String) r.getField("detail"), channel, ((OffsetDateTime) r.getField("received_at")).toInstant(),
                    decidedAt.get(channel), (String) r.getField("source"), (String) r.getField("event_id")));
        }
        return out;
    }
}
