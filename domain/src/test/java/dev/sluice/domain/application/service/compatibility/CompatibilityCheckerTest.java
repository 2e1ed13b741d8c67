package dev.sluice.domain.application.service.compatibility;

import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.testing.SeedSchemas;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CompatibilityCheckerTest {

    private static final Subject SUBJECT = Subject.of("shop", "order");

    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static SchemaVersion v(int version, Field... fields) {
        return SchemaVersion.of(SUBJECT, version, List.of(fields));
    }

    private static Field req(String path, FieldType type) {
        return Field.required(path, type);
    }

    private static Field opt(String path, FieldType type) {
        return Field.optional(path, type);
    }

    private static Field struct(String path, boolean closed, Field... children) {
        return Field.builder(path, FieldType.STRUCT).required(true).children(List.of(children)).closed(closed).build();
    }

    private static Field withConstraints(String path, FieldType type, Constraints c) {
        return Field.builder(path, type).required(true).constraints(c).build();
    }

    @Nested
    class CanRead {

        @Test
        void identicalSchemasAreCompatible() {
            SchemaVersion a = SeedSchemas.acmeVideo();

            assertThat(checker.canRead(a, a.withVersion(2)).isCompatible()).isTrue();
        }

        @Test
        void addingARequiredFieldWithoutDefaultBreaksReadingOldRecords() {
            SchemaVersion old = v(1, req("id", FieldType.STRING));
            SchemaVersion neu = v(2, req("id", FieldType.STRING), req("amount", FieldType.DOUBLE));

            assertThat(checker.canRead(neu, old).incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.rule()).isEqualTo(IncompatibilityRule.READER_FIELD_MISSING_DEFAULT);
                assertThat(i.path()).isEqualTo("amount");
                assertThat(i.oldType()).isNull();
                assertThat(i.newType()).isEqualTo("DOUBLE");
                assertThat(i.againstVersion()).isEqualTo(1);
                assertThat(i.message()).isEqualTo("Field 'amount' (DOUBLE) was added as required without a default "
                        + "in version 2; a reader of version 2 cannot read version 1's records, which lack it");
            });
        }

        @Test
        void addingARequiredFieldWithADefaultIsCompatible() {
            SchemaVersion old = v(1, req("id", FieldType.STRING));
            SchemaVersion neu = v(2, req("id", FieldType.STRING), Field.builder("currency", FieldType.STRING)
                    .required(true).defaultValue(new StringValue("EUR")).build());

            assertThat(checker.canRead(neu, old).isCompatible()).isTrue();
        }

        @Test
        void addingAnOptionalFieldIsCompatibleBothWays() {
            SchemaVersion old = v(1, req("id", FieldType.STRING));
            SchemaVersion neu = v(2, req("id", FieldType.STRING), opt("note", FieldType.STRING));

            assertThat(checker.canRead(neu, old).isCompatible()).isTrue();
            assertThat(checker.canRead(old, neu).isCompatible()).isTrue();
        }

        @Test
        void removingAFieldTheOldReaderNeedsIsReportedAsRemoval() {
            SchemaVersion old = v(1, req("id", FieldType.STRING), req("amount", FieldType.DOUBLE));
            SchemaVersion neu = v(2, req("id", FieldType.STRING));

            assertThat(checker.canRead(neu, old).isCompatible()).as("new reader ignores the extra member").isTrue();
            assertThat(checker.canRead(old, neu).incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.rule()).isEqualTo(IncompatibilityRule.FIELD_REMOVED);
                assertThat(i.oldType()).isEqualTo("DOUBLE");
                assertThat(i.newType()).isNull();
                assertThat(i.message()).isEqualTo("Field 'amount' (DOUBLE) was removed in version 2; "
                        + "a reader of version 1 requires it and has no default");
            });
        }

        @Test
        void typeChangeIsReportedWithBothTypesAndTheVersions() {
            SchemaVersion old = v(2, struct("device", false, req("device.os", FieldType.STRING)));
            SchemaVersion neu = v(3, struct("device", false, req("device.os", FieldType.LONG)));

            assertThat(checker.canRead(neu, old).incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.rule()).isEqualTo(IncompatibilityRule.TYPE_CHANGED);
                assertThat(i.path()).isEqualTo("device.os");
                assertThat(i.oldType()).isEqualTo("STRING");
                assertThat(i.newType()).isEqualTo("LONG");
                assertThat(i.againstVersion()).isEqualTo(2);
                assertThat(i.message()).isEqualTo(
                        "Field 'device.os' changed type from STRING to LONG; a reader of version 3 cannot read version 2's strings");
            });
        }

        @ParameterizedTest(name = "reader {0} reads writer {1}: {2}")
        @CsvSource({
                "DOUBLE, LONG, true", "LONG, DOUBLE, false",
                "STRING, UUID, true", "UUID, STRING, false",
                "STRING, DATE, true", "DATE, STRING, false",
                "STRING, TIMESTAMP, false", "TIMESTAMP, STRING, false",
                "JSON, STRUCT, true", "STRUCT, JSON, false",
                "JSON, LONG, true", "BOOLEAN, STRING, false",
        })
        void onlySafeWideningsAreReadable(FieldType reader, FieldType writer, boolean readable) {
            SchemaVersion w = v(1, req("x", writer == FieldType.STRUCT ? FieldType.JSON : writer));
            if (writer == FieldType.STRUCT) {
                w = v(1, struct("x", false));
            }
            SchemaVersion r = v(2, reader == FieldType.STRUCT ? struct("x", false) : req("x", reader));

            assertThat(checker.canRead(r, w).isCompatible()).isEqualTo(readable);
        }

        @Test
        void requiringAFormerlyOptionalFieldWithoutDefaultIsReported() {
            SchemaVersion old = v(1, opt("email", FieldType.STRING));
            SchemaVersion neu = v(2, req("email", FieldType.STRING));

            assertThat(checker.canRead(neu, old).incompatibilities()).extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(tuple(IncompatibilityRule.OPTIONAL_BECAME_REQUIRED, "email"));
            assertThat(checker.canRead(old, neu).isCompatible()).isTrue();
        }

        @Test
        void narrowingAnEnumReportsTheValuesTheReaderNoLongerAccepts() {
            SchemaVersion old = v(1, withConstraints("quality", FieldType.STRING, Constraints.enumOf("SD", "HD", "4K")));
            SchemaVersion neu = v(2, withConstraints("quality", FieldType.STRING, Constraints.enumOf("HD")));

            assertThat(checker.canRead(neu, old).incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.rule()).isEqualTo(IncompatibilityRule.ENUM_VALUE_REMOVED);
                assertThat(i.message()).contains("[SD, 4K]", "[HD]", "version 1", "version 2");
            });
            assertThat(checker.canRead(old, neu).isCompatible()).as("widening the enum is fine for old readers").isTrue();
        }

        @Test
        void introducingAnEnumOnAFreeStringIsNarrowing() {
            SchemaVersion old = v(1, req("quality", FieldType.STRING));
            SchemaVersion neu = v(2, withConstraints("quality", FieldType.STRING, Constraints.enumOf("HD")));

            assertThat(checker.canRead(neu, old).incompatibilities()).extracting(Incompatibility::rule)
                    .containsExactly(IncompatibilityRule.ENUM_VALUE_REMOVED);
        }

        @Test
        void narrowingEachBoundIsReportedSeparately() {
            SchemaVersion old = v(1, withConstraints("n", FieldType.LONG, Constraints.range(0, 100)),
                    withConstraints("s", FieldType.STRING, Constraints.NONE.withLength(1, 64)));
            SchemaVersion neu = v(2, withConstraints("n", FieldType.LONG, Constraints.range(10, 50)),
                    withConstraints("s", FieldType.STRING, Constraints.NONE.withLength(2, 32)));

            List<Incompatibility> found = checker.canRead(neu, old).incompatibilities();

            assertThat(found).extracting(Incompatibility::rule).containsOnly(IncompatibilityRule.CONSTRAINT_NARROWED);
            assertThat(found).extracting(Incompatibility::message).containsExactly(
                    "Field 'n' has minimum 10.0 in version 2 but 0.0 in version 1; a reader of version 2 cannot read version 1's values below 10.0",
                    "Field 'n' has maximum 50.0 in version 2 but 100.0 in version 1; a reader of version 2 cannot read version 1's values above 50.0",
                    "Field 's' has minLength 2 in version 2 but 1 in version 1; a reader of version 2 cannot read version 1's values shorter than 2",
                    "Field 's' has maxLength 32 in version 2 but 64 in version 1; a reader of version 2 cannot read version 1's values longer than 32");
            assertThat(checker.canRead(old, neu).isCompatible()).isTrue();
        }

        @Test
        void addingABoundWhereThereWasNoneIsNarrowing() {
            SchemaVersion old = v(1, req("n", FieldType.LONG));
            SchemaVersion neu = v(2, withConstraints("n", FieldType.LONG, Constraints.range(0, 10)));

            assertThat(checker.canRead(neu, old).incompatibilities()).hasSize(2)
                    .allSatisfy(i -> assertThat(i.message()).contains("but none in version 1"));
        }

        @Test
        void changingAPatternIsReportedBecauseContainmentIsNotDecided() {
            SchemaVersion old = v(1, withConstraints("id", FieldType.STRING, Constraints.pattern("E_[0-9]{8}")));
            SchemaVersion neu = v(2, withConstraints("id", FieldType.STRING, Constraints.pattern("E_[0-9a-z]{8}")));

            assertThat(checker.canRead(neu, old).incompatibilities()).extracting(Incompatibility::rule)
                    .containsExactly(IncompatibilityRule.PATTERN_CHANGED);
            assertThat(checker.canRead(old, neu).incompatibilities()).extracting(Incompatibility::rule)
                    .containsExactly(IncompatibilityRule.PATTERN_CHANGED);
            assertThat(checker.canRead(v(3, req("id", FieldType.STRING)), old).isCompatible())
                    .as("dropping the pattern widens").isTrue();
        }

        @Test
        void formatsNarrowUnlessTheWriterFormatIsContained() {
            SchemaVersion anyUuid = v(1, withConstraints("r", FieldType.STRING, Constraints.format(Format.UUID)));
            SchemaVersion v4Only = v(2, withConstraints("r", FieldType.STRING, Constraints.format(Format.UUID_V4)));

            assertThat(checker.canRead(anyUuid, v4Only).isCompatible()).isTrue();
            assertThat(checker.canRead(v4Only, anyUuid).incompatibilities()).extracting(Incompatibility::rule)
                    .containsExactly(IncompatibilityRule.CONSTRAINT_NARROWED);
        }

        @Test
        void aUuidTypedWriterSatisfiesAUuidFormatReader() {
            SchemaVersion writer = v(1, req("r", FieldType.UUID));
            SchemaVersion reader = v(2, withConstraints("r", FieldType.STRING, Constraints.format(Format.UUID)));

            assertThat(checker.canRead(reader, writer).isCompatible()).isTrue();
        }

        @Test
        void nestedStructsListsAndMapsAreComparedRecursively() {
            Field itemsOld = Field.builder("items", FieldType.LIST).required(true).element(
                    Field.builder("items[]", FieldType.STRUCT).children(List.of(req("items[].qty", FieldType.LONG))).build()).build();
            Field itemsNew = Field.builder("items", FieldType.LIST).required(true).element(
                    Field.builder("items[]", FieldType.STRUCT).children(List.of(req("items[].qty", FieldType.BOOLEAN))).build()).build();
            Field tagsOld = Field.builder("tags", FieldType.MAP).required(true).element(opt("tags{}", FieldType.STRING)).build();
            Field tagsNew = Field.builder("tags", FieldType.MAP).required(true).element(opt("tags{}", FieldType.LONG)).build();

            List<Incompatibility> found = checker.canRead(v(2, itemsNew, tagsNew), v(1, itemsOld, tagsOld)).incompatibilities();

            assertThat(found).extracting(Incompatibility::path, Incompatibility::oldType, Incompatibility::newType)
                    .containsExactly(tuple("items[].qty", "LONG", "BOOLEAN"), tuple("tags{}", "STRING", "LONG"));
        }

        @Test
        void aRenameDeclaredThroughAnAliasIsNotARemoval() {
            SchemaVersion old = v(1, req("transaction_date", FieldType.DATE));
            SchemaVersion neu = v(2, Field.builder("txn_date", FieldType.DATE).required(true)
                    .aliases(List.of("transaction_date")).build());

            assertThat(checker.canRead(neu, old).isCompatible()).isTrue();
            assertThat(checker.canRead(old, neu).isCompatible()).isTrue();
        }

        @Test
        void aRenameWithoutAliasBreaksBothDirections() {
            SchemaVersion old = v(1, req("transaction_date", FieldType.DATE));
            SchemaVersion neu = v(2, req("txn_date", FieldType.DATE));

            assertThat(checker.canRead(neu, old).incompatibilities()).extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(tuple(IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, "txn_date"));
            assertThat(checker.canRead(old, neu).incompatibilities()).extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(tuple(IncompatibilityRule.FIELD_REMOVED, "transaction_date"));
        }

        @Test
        void aClosedReaderRefusesAnOpenWriter() {
            SchemaVersion openWriter = v(1, req("id", FieldType.STRING));
            SchemaVersion closedReader = v(2, req("id", FieldType.STRING)).withClosed(true);

            assertThat(checker.canRead(closedReader, openWriter).incompatibilities()).singleElement().satisfies(i -> {
                assertThat(i.rule()).isEqualTo(IncompatibilityRule.CLOSED_CONTENT_MODEL);
                assertThat(i.path()).isEqualTo("$");
            });
        }

        @Test
        void aClosedReaderRefusesWriterMembersItDoesNotList() {
            SchemaVersion writer = v(1, req("id", FieldType.STRING), opt("debug", FieldType.JSON)).withClosed(true);
            SchemaVersion reader = v(2, req("id", FieldType.STRING)).withClosed(true);

            assertThat(checker.canRead(reader, writer).incompatibilities())
                    .extracting(Incompatibility::rule, Incompatibility::path, Incompatibility::oldType, Incompatibility::newType)
                    .containsExactly(tuple(IncompatibilityRule.CLOSED_CONTENT_MODEL, "debug", "JSON", null));
        }

        @Test
        void anOpenReaderIgnoresExtraWriterMembers() {
            SchemaVersion writer = v(1, req("id", FieldType.STRING), opt("debug", FieldType.JSON)).withClosed(true);
            SchemaVersion reader = v(2, req("id", FieldType.STRING));

            assertThat(checker.canRead(reader, writer).isCompatible()).isTrue();
        }

        @Test
        void closedContentIsCheckedInsideStructsToo() {
            SchemaVersion writer = v(1, struct("device", false, opt("device.os", FieldType.STRING)));
            SchemaVersion reader = v(2, struct("device", true, opt("device.os", FieldType.STRING)));

            assertThat(checker.canRead(reader, writer).incompatibilities()).extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(tuple(IncompatibilityRule.CLOSED_CONTENT_MODEL, "device"));
        }

        @Test
        void everyIncompatibilityIsReportedNotOnlyTheFirst() {
            SchemaVersion old = v(1, req("a", FieldType.STRING), opt("b", FieldType.LONG),
                    withConstraints("c", FieldType.STRING, Constraints.enumOf("x", "y")));
            SchemaVersion neu = v(2, req("a", FieldType.LONG), req("b", FieldType.LONG),
                    withConstraints("c", FieldType.STRING, Constraints.enumOf("x")), req("d", FieldType.BOOLEAN));

            assertThat(checker.canRead(neu, old).incompatibilities()).extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(
                            tuple(IncompatibilityRule.TYPE_CHANGED, "a"),
                            tuple(IncompatibilityRule.OPTIONAL_BECAME_REQUIRED, "b"),
                            tuple(IncompatibilityRule.ENUM_VALUE_REMOVED, "c"),
                            tuple(IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, "d"));
        }

        @Test
        void acmeAddingAnOptionalFieldIsBackwardButNotForwardCompatibleBecauseItIsClosed() {
            SchemaVersion v1 = SeedSchemas.acmeVideo();
            List<Field> fields = new ArrayList<>(v1.fields());
            fields.add(Field.optional("referrer", FieldType.STRING));
            SchemaVersion v2 = new SchemaVersion(v1.subject(), 2, fields, v1.rules(), true, v1.status(),
                    v1.compatibility(), v1.doc());

            assertThat(checker.check(CompatibilityMode.BACKWARD, v2, List.of(v1)).isCompatible()).isTrue();
            assertThat(checker.check(CompatibilityMode.FORWARD, v2, List.of(v1)).incompatibilities())
                    .extracting(Incompatibility::rule, Incompatibility::path)
                    .containsExactly(tuple(IncompatibilityRule.CLOSED_CONTENT_MODEL, "referrer"));
        }
    }

    @Nested
    class Modes {

        // v1 {a LONG}; v2 {a LONG, b opt}; v3 {a DOUBLE, b opt} -- v3 reads v1 and v2, v1/v2 cannot read v3's doubles.
        private final SchemaVersion v1 = v(1, req("a", FieldType.LONG), opt("gone", FieldType.STRING));
        private final SchemaVersion v2 = v(2, req("a", FieldType.LONG), req("z", FieldType.STRING));
        private final SchemaVersion v3 = v(3, req("a", FieldType.DOUBLE), req("z", FieldType.STRING));

        @Test
        void noneNeverFails() {
            assertThat(checker.check(CompatibilityMode.NONE, v(9, req("q", FieldType.BOOLEAN)), List.of(v1, v2)).isCompatible())
                    .isTrue();
        }

        @ParameterizedTest
        @EnumSource(CompatibilityMode.class)
        void aFirstVersionIsCompatibleUnderEveryMode(CompatibilityMode mode) {
            assertThat(checker.check(mode, v1, List.of()).isCompatible()).isTrue();
        }

        @Test
        void backwardChecksOnlyTheLatestVersion() {
            assertThat(checker.check(CompatibilityMode.BACKWARD, v3, List.of(v1, v2)).isCompatible()).isTrue();
        }

        @Test
        void backwardTransitiveChecksEveryVersionAndNamesEach() {
            List<Incompatibility> found = checker.check(CompatibilityMode.BACKWARD_TRANSITIVE, v3, List.of(v1, v2))
                    .incompatibilities();

            assertThat(found).extracting(Incompatibility::rule, Incompatibility::path, Incompatibility::againstVersion)
                    .containsExactly(tuple(IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, "z", 1));
        }

        @Test
        void forwardChecksThatTheLatestVersionReadsTheCandidate() {
            assertThat(checker.check(CompatibilityMode.FORWARD, v3, List.of(v1, v2)).incompatibilities())
                    .extracting(Incompatibility::rule, Incompatibility::path, Incompatibility::oldType,
                            Incompatibility::newType, Incompatibility::againstVersion)
                    .containsExactly(tuple(IncompatibilityRule.TYPE_CHANGED, "a", "LONG", "DOUBLE", 2));
        }

        @Test
        void forwardTransitiveReportsAgainstEveryVersion() {
            assertThat(checker.check(CompatibilityMode.FORWARD_TRANSITIVE, v3, List.of(v1, v2)).incompatibilities())
                    .extracting(Incompatibility::againstVersion, Incompatibility::rule)
                    .containsExactly(tuple(1, IncompatibilityRule.TYPE_CHANGED), tuple(2, IncompatibilityRule.TYPE_CHANGED));
        }

        @Test
        void fullChecksBothDirectionsAgainstTheLatest() {
            SchemaVersion candidate = v(3, req("a", FieldType.DOUBLE), req("z", FieldType.STRING), req("y", FieldType.STRING));

            assertThat(checker.check(CompatibilityMode.FULL, candidate, List.of(v1, v2)).incompatibilities())
                    .extracting(Incompatibility::rule, Incompatibility::path).containsExactly(
                            tuple(IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, "y"),
                            tuple(IncompatibilityRule.TYPE_CHANGED, "a"));
        }

        @Test
        void fullTransitiveChecksBothDirectionsAgainstEveryVersion() {
            List<Incompatibility> found = checker.check(CompatibilityMode.FULL_TRANSITIVE, v3, List.of(v1, v2))
                    .incompatibilities();

            assertThat(found).extracting(Incompatibility::againstVersion, Incompatibility::rule, Incompatibility::path)
                    .containsExactly(
                            tuple(1, IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, "z"),
                            tuple(1, IncompatibilityRule.TYPE_CHANGED, "a"),
                            tuple(2, IncompatibilityRule.TYPE_CHANGED, "a"));
        }

        @Test
        void defaultsMakeAnAddedRequiredFieldTransitivelyCompatible() {
            SchemaVersion candidate = v(3, req("a", FieldType.LONG), Field.builder("z", FieldType.STRING).required(true)
                    .defaultValue(new StringValue("")).build(), Field.builder("n", FieldType.LONG).required(true)
                    .defaultValue(NumberValue.of(0)).build());

            assertThat(checker.check(CompatibilityMode.BACKWARD_TRANSITIVE, candidate, List.of(v1, v2)).isCompatible())
                    .isTrue();
        }
    }
}
