package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.application.service.profiling.text.CsvHeaderMode;
import dev.sluice.domain.application.service.profiling.text.CsvOptions;
import dev.sluice.domain.application.service.profiling.text.JsonDocumentFormat;
import dev.sluice.domain.application.service.profiling.text.JsonDocumentReader;
import dev.sluice.domain.application.service.profiling.text.JsonReaderOptions;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.profile.FieldStats;
import dev.sluice.domain.model.profile.ProfileError;
import dev.sluice.domain.model.profile.ProfileResult;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SchemaProfilerTest {

    static ProfileResult json(String ndjson) {
        return SchemaProfiler.profileJson(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                JsonDocumentFormat.NDJSON);
    }

    static ProfileResult csv(String csv) {
        return SchemaProfiler.profileCsv(new StringReader(csv), CsvOptions.DEFAULTS);
    }

    private static Field field(ProfileResult result, String path) {
        Map<String, Field> all = SchemaVersion.of(Subject.ofSource("t"), 1, result.fields()).flatten();
        assertThat(all).containsKey(path);
        return all.get(path);
    }

    private static FieldType type(ProfileResult result, String path) {
        return field(result, path).type();
    }

    @Test
    void infersEachScalarTypeFromJson() {
        ProfileResult r = json("""
                {"l":1,"d":1.5,"b":true,"ts":"2025-08-11T14:30:45.123Z","date":"2025-08-11","id":"0f8fad5b-d9cb-469f-a165-70867728950e","s":"hello"}
                {"l":-7,"d":2.0,"b":false,"ts":"2025-08-11T16:30:45+02:00","date":"2024-02-29","id":"7C9E6679-7425-40DE-944B-E07FC1F90AE7","s":"world"}
                """);
        assertThat(r.fields()).extracting(Field::path, Field::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("l", FieldType.LONG),
                org.assertj.core.groups.Tuple.tuple("d", FieldType.DOUBLE),
                org.assertj.core.groups.Tuple.tuple("b", FieldType.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("ts", FieldType.TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("date", FieldType.DATE),
                org.assertj.core.groups.Tuple.tuple("id", FieldType.UUID),
                org.assertj.core.groups.Tuple.tuple("s", FieldType.STRING));
        assertThat(r.fields()).allMatch(Field::required);
        assertThat(r.documents()).isEqualTo(2);
    }

    @Test
    void neverTakesNumbersOrDigitStringsForTimestamps() {
        ProfileResult r = json("""
                {"millis":1754920000000,"text":"1754920000000","local":"2025-08-11T14:30:45","bad_day":"2025-02-30"}
                """);
        assertThat(type(r, "millis")).isEqualTo(FieldType.LONG);
        assertThat(type(r, "text")).isEqualTo(FieldType.STRING);
        assertThat(type(r, "local")).isEqualTo(FieldType.STRING);
        assertThat(type(r, "bad_day")).isEqualTo(FieldType.STRING);
    }

    @Test
    void widensLongToDoubleAndIntegralDoublesStayDouble() {
        ProfileResult r = json("{\"n\":1,\"m\":1.0}\n{\"n\":2.5,\"m\":3}\n");
        assertThat(type(r, "n")).isEqualTo(FieldType.DOUBLE);
        assertThat(type(r, "m")).isEqualTo(FieldType.DOUBLE);
    }

    @Test
    void widensBeyondLongIntegersToDouble() {
        assertThat(type(json("{\"big\":18446744073709551616}"), "big")).isEqualTo(FieldType.DOUBLE);
    }

    @Test
    void widensStringShapesToStringAndCrossKindConflictsToJson() {
        ProfileResult r = json("""
                {"when":"2025-08-11","mixed":1,"shape":{"a":1},"list_or_text":[1]}
                {"when":"2025-08-11T14:30:45Z","mixed":"one","shape":[1],"list_or_text":"x"}
                """);
        assertThat(type(r, "when")).isEqualTo(FieldType.STRING);
        assertThat(type(r, "mixed")).isEqualTo(FieldType.JSON);
        assertThat(type(r, "shape")).isEqualTo(FieldType.JSON);
        assertThat(field(r, "shape").children()).isEmpty();
        assertThat(type(r, "list_or_text")).isEqualTo(FieldType.JSON);
    }

    @Test
    void makesAFieldOptionalWhenAbsentOrNullInSomeDocument() {
        ProfileResult r = json("""
                {"always":1,"sometimes":1,"nullable":1,"only_null":null}
                {"always":2,"nullable":null,"only_null":null}
                """);
        assertThat(field(r, "always").required()).isTrue();
        assertThat(field(r, "sometimes").required()).isFalse();
        assertThat(field(r, "nullable").required()).isFalse();
        assertThat(field(r, "nullable").type()).isEqualTo(FieldType.LONG);
        assertThat(field(r, "only_null").required()).isFalse();
        assertThat(field(r, "only_null").type()).isEqualTo(FieldType.JSON);
        FieldStats nullable = r.stats("nullable").orElseThrow();
        assertThat(nullable.present()).isEqualTo(2);
        assertThat(nullable.nulls()).isEqualTo(1);
        assertThat(nullable.nullRate()).isEqualTo(0.5);
        assertThat(r.stats("sometimes").orElseThrow().present()).isEqualTo(1);
    }

    @Test
    void infersNestedStructsWithRequirednessRelativeToTheirParent() {
        ProfileResult r = json("""
                {"device":{"os":"iOS","model":"X"}}
                {"device":{"os":"Android"}}
                {"device":null}
                {}
                """);
        Field device = field(r, "device");
        assertThat(device.type()).isEqualTo(FieldType.STRUCT);
        assertThat(device.required()).isFalse();
        assertThat(device.closed()).isFalse();
        assertThat(field(r, "device.os").required()).isTrue();
        assertThat(field(r, "device.os").type()).isEqualTo(FieldType.STRING);
        assertThat(field(r, "device.model").required()).isFalse();
    }

    @Test
    void infersListsWithTheirElementType() {
        ProfileResult r = json("""
                {"tags":["a","b"],"items":[{"id":1},{"id":2,"note":"x"}],"matrix":[[1,2],[3.5]],"empty":[],"holes":[1,null]}
                {"tags":[],"items":[],"matrix":[],"empty":[],"holes":[]}
                """);
        assertThat(type(r, "tags")).isEqualTo(FieldType.LIST);
        assertThat(field(r, "tags[]").type()).isEqualTo(FieldType.STRING);
        assertThat(field(r, "tags[]").required()).isTrue();
        assertThat(type(r, "items[]")).isEqualTo(FieldType.STRUCT);
        assertThat(field(r, "items[].id").required()).isTrue();
        assertThat(field(r, "items[].note").required()).isFalse();
        assertThat(type(r, "matrix[]")).isEqualTo(FieldType.LIST);
        assertThat(type(r, "matrix[][]")).isEqualTo(FieldType.DOUBLE);
        assertThat(type(r, "empty[]")).isEqualTo(FieldType.JSON);
        assertThat(field(r, "holes[]").required()).isFalse();
        assertThat(r.stats("tags[]").orElseThrow().present()).isEqualTo(2);
    }

    @Test
    void recordsStatisticsPerPath() {
        ProfileResult r = json("""
                {"s":"ab","n":1}
                {"s":"abcd","n":2}
                {"s":"ab","n":6}
                """);
        FieldStats s = r.stats("s").orElseThrow();
        assertThat(s).isEqualTo(new FieldStats("s", 3, 0, 2, 2, 4, Double.NaN));
        FieldStats n = r.stats("n").orElseThrow();
        assertThat(n.distinctEstimate()).isEqualTo(3);
        assertThat(n.numericMean()).isEqualTo(3.0);
        assertThat(n.minLength()).isEqualTo(-1);
    }

    @Test
    void countsEqualNumbersOnceWhateverTheirRepresentation() {
        ProfileResult r = json("{\"n\":1}\n{\"n\":1.0}\n{\"n\":1e0}\n");
        assertThat(r.stats("n").orElseThrow().distinctEstimate()).isEqualTo(1);
    }

    @Test
    void countsAndSkipsMalformedDocumentsWithTheirPositions() {
        ProfileResult r = json("{\"a\":1}\n{\"a\":\n42\n{\"a\":2}\n");
        assertThat(r.documents()).isEqualTo(2);
        assertThat(r.malformed()).isEqualTo(2);
        assertThat(r.errors()).containsExactly(
                new ProfileError(1, 2, 6, "the line ends inside a document (NDJSON holds one document per line)"),
                new ProfileError(2, 3, 1, "document is NUMBER, not an object"));
        assertThat(field(r, "a").required()).isTrue();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfErrorSamples() {
        SchemaProfiler profiler = new SchemaProfiler(new ProfilerOptions(10, 11, 2));
        for (int i = 0; i < 5; i++) {
            profiler.addMalformed(i, i + 1, 1, "bad " + i);
        }
        ProfileResult r = profiler.result();
        assertThat(r.malformed()).isEqualTo(5);
        assertThat(r.errors()).extracting(ProfileError::message).containsExactly("bad 0", "bad 1");
    }

    @Test
    void leavesOutMembersWhoseNamesCannotBeFieldNames() {
        ProfileResult r = json("{\"a.b\":1,\"\":2,\"x[]\":3,\"ok\":{\"c{d}\":4}}\n");
        assertThat(r.skippedMembers()).isEqualTo(4);
        assertThat(r.paths().keySet()).containsExactly("ok");
    }

    @Test
    void capsThePathsAndCountsTheValuesLeftOut() {
        SchemaProfiler profiler = new SchemaProfiler(ProfilerOptions.DEFAULTS.withMaxPaths(3));
        profiler.feed(JsonDocumentReader.of(new StringReader("{\"a\":1,\"b\":[1,2],\"c\":3,\"d\":4}\n{\"e\":5}\n"),
                JsonDocumentFormat.NDJSON, JsonReaderOptions.DEFAULTS));
        ProfileResult r = profiler.result();
        assertThat(r.paths().keySet()).containsExactly("a", "b", "b[]");
        assertThat(r.overflowValues()).isEqualTo(3);
        assertThat(profiler.pathCount()).isEqualTo(3);
    }

    @Test
    void infersColumnTypesFromCsvText() {
        ProfileResult r = csv("""
                id,amount,ok,day,at,uid,name,zip,mixed
                1,2.5,true,2025-08-11,2025-08-11T14:30:45Z,0f8fad5b-d9cb-469f-a165-70867728950e,Ann,02134,1
                2,3,FALSE,2025-08-12,2025-08-11T15:30:45Z,7c9e6679-7425-40de-944b-e07fc1f90ae7,,10001,abc
                """);
        assertThat(r.fields()).extracting(Field::type).containsExactly(FieldType.LONG, FieldType.DOUBLE,
                FieldType.BOOLEAN, FieldType.DATE, FieldType.TIMESTAMP, FieldType.UUID, FieldType.STRING,
                FieldType.STRING, FieldType.STRING);
        assertThat(field(r, "name").required()).isFalse();
        assertThat(field(r, "id").required()).isTrue();
        assertThat(r.stats("amount").orElseThrow().numericMean()).isCloseTo(2.75, within(1e-9));
        assertThat(r.stats("name").orElseThrow().nulls()).isEqualTo(1);
    }

    @Test
    void profilesHeaderlessCsvUnderGeneratedNames() {
        ProfileResult r = csv("1,x\n2,y\n");
        assertThat(r.fields()).extracting(Field::path).containsExactly("column_1", "column_2");
        assertThat(r.documents()).isEqualTo(2);
    }

    @Test
    void countsRaggedCsvRowsAsMalformed() {
        ProfileResult r = SchemaProfiler.profileCsv(new StringReader("a,b\n1,2\n3\n"),
                CsvOptions.DEFAULTS.withHeader(CsvHeaderMode.PRESENT));
        assertThat(r.documents()).isEqualTo(1);
        assertThat(r.malformed()).isEqualTo(1);
    }

    @Test
    void buildsACandidateSchemaVersionForASubject() {
        SchemaVersion v = json("{\"a\":1}\n").toSchemaVersion(Subject.of("acme", "video"), 1);
        assertThat(v.subject()).isEqualTo(Subject.of("acme", "video"));
        assertThat(v.fields()).containsExactly(Field.required("a", FieldType.LONG));
        assertThat(v.closed()).isFalse();
        assertThat(v.doc()).isEqualTo("Inferred by profiling 1 documents (0 malformed skipped).");
    }

    @Test
    void infersTheAcmeSchemaOfSeed002() {
        SchemaProfiler profiler = new SchemaProfiler();
        profiler.feed(JsonDocumentReader.of(AcmeNdjsonGenerator.ofRecords(2_000, 7), JsonDocumentFormat.NDJSON,
                JsonReaderOptions.DEFAULTS));
        ProfileResult r = profiler.result();
        assertThat(r.documents()).isEqualTo(2_000);
        assertThat(r.malformed()).isZero();
        assertThat(type(r, "event_timestamp")).isEqualTo(FieldType.TIMESTAMP);
        assertThat(type(r, "watch_duration_seconds")).isEqualTo(FieldType.LONG);
        assertThat(type(r, "completion_percentage")).isEqualTo(FieldType.DOUBLE);
        assertThat(type(r, "bandwidth_mbps")).isEqualTo(FieldType.DOUBLE);
        assertThat(type(r, "ip_address")).isEqualTo(FieldType.STRING);
        assertThat(field(r, "state").required()).isFalse();
        assertThat(r.fields()).hasSize(24).filteredOn(f -> !f.path().equals("state")).allMatch(Field::required);
        assertThat(r.stats("event_id").orElseThrow().distinctEstimate()).isCloseTo(2_000L, within(60L));
        assertThat(r.stats("event_type").orElseThrow().distinctEstimate()).isEqualTo(5);
        assertThat(r.stats("quality").orElseThrow().distinctEstimate()).isEqualTo(3);
    }

    @Test
    void stateDoesNotGrowWithTheNumberOfDocuments() {
        SchemaProfiler profiler = new SchemaProfiler();
        profiler.feed(JsonDocumentReader.of(AcmeNdjsonGenerator.ofRecords(10_000, 1), JsonDocumentFormat.NDJSON,
                JsonReaderOptions.DEFAULTS));
        long after10k = profiler.retainedBytes();
        int paths10k = profiler.pathCount();
        profiler.feed(JsonDocumentReader.of(AcmeNdjsonGenerator.ofRecords(90_000, 2), JsonDocumentFormat.NDJSON,
                JsonReaderOptions.DEFAULTS));
        assertThat(profiler.result().documents()).isEqualTo(100_000);
        assertThat(profiler.pathCount()).isEqualTo(paths10k);
        assertThat(profiler.retainedBytes()).isEqualTo(after10k);
    }

    @Test
    void stateIsBoundedByThePathLimitEvenWhenEveryDocumentHasNewMembers() {
        SchemaProfiler profiler = new SchemaProfiler(ProfilerOptions.DEFAULTS.withMaxPaths(100));
        for (int i = 0; i < 1_000; i++) {
            profiler.add(dev.sluice.domain.model.payload.ObjectValue.builder().put("k" + i, (long) i).build(), i, i + 1);
        }
        long atCap = profiler.retainedBytes();
        for (int i = 1_000; i < 5_000; i++) {
            profiler.add(dev.sluice.domain.model.payload.ObjectValue.builder().put("k" + i, NumberValue.of(i)).build(), i, i + 1);
        }
        assertThat(profiler.pathCount()).isEqualTo(100);
        assertThat(profiler.retainedBytes()).isEqualTo(atCap);
        assertThat(profiler.result().overflowValues()).isEqualTo(4_900);
    }
}
