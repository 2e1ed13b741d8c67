package dev.sluice.domain.application.service.diff;

import dev.sluice.domain.model.profile.FieldStats;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SchemaDifferTest {

    private static final Subject SUBJECT = Subject.ofSource("payments");

    private final SchemaDiffer differ = new SchemaDiffer();

    private static SchemaVersion v(int version, Field... fields) {
        return SchemaVersion.of(SUBJECT, version, List.of(fields));
    }

    private static Field opt(String path, FieldType type) {
        return Field.optional(path, type);
    }

    @Test
    void identicalVersionsHaveAnEmptyDiffAndStayActive() {
        SchemaVersion a = v(1, opt("id", FieldType.STRING));

        SchemaDiff diff = differ.diff(a, a.withVersion(2));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.ACTIVE);
    }

    @Test
    void addedFieldsAreListedAndDoNotBreak() {
        SchemaDiff diff = differ.diff(v(1, opt("id", FieldType.STRING)),
                v(2, opt("id", FieldType.STRING), opt("amount", FieldType.DOUBLE)));

        assertThat(diff.added()).containsExactly(new FieldChange.Added("amount", FieldType.DOUBLE, false));
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.ACTIVE);
    }

    @Test
    void aRemovedFieldMakesTheVersionBreaking() {
        SchemaDiff diff = differ.diff(v(1, opt("id", FieldType.STRING), opt("amount", FieldType.DOUBLE)),
                v(2, opt("id", FieldType.STRING)));

        assertThat(diff.removed()).containsExactly(new FieldChange.Removed("amount", FieldType.DOUBLE));
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.BREAKING);
    }

    @Test
    void transactionDateToTxnDateIsDetectedAsARenameAndIsBreaking() {
        SchemaDiff diff = differ.diff(v(1, opt("id", FieldType.STRING), opt("transaction_date", FieldType.DATE)),
                v(2, opt("id", FieldType.STRING), opt("txn_date", FieldType.DATE)));

        assertThat(diff.renamed()).singleElement().satisfies(r -> {
            assertThat(r.oldPath()).isEqualTo("transaction_date");
            assertThat(r.path()).isEqualTo("txn_date");
            assertThat(r.declared()).isFalse();
            assertThat(r.score()).isGreaterThanOrEqualTo(SchemaDiffer.RENAME_THRESHOLD);
        });
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.BREAKING);
    }

    @Test
    void aSimilarNameOfAnotherTypeIsNotARename() {
        SchemaDiff diff = differ.diff(v(1, opt("transaction_date", FieldType.DATE)), v(2, opt("txn_date", FieldType.STRING)));

        assertThat(diff.renamed()).isEmpty();
        assertThat(diff.removed()).extracting(FieldChange::path).containsExactly("transaction_date");
        assertThat(diff.added()).extracting(FieldChange::path).containsExactly("txn_date");
    }

    @Test
    void unrelatedNamesOfTheSameTypeAreNotRenames() {
        SchemaDiff diff = differ.diff(v(1, opt("start_date", FieldType.DATE), opt("min_value", FieldType.LONG)),
                v(2, opt("end_date", FieldType.DATE), opt("max_value", FieldType.LONG)));

        assertThat(diff.renamed()).isEmpty();
        assertThat(diff.removed()).hasSize(2);
        assertThat(diff.added()).hasSize(2);
    }

    @Test
    void aRenameDeclaredWithAnAliasIsReportedButDoesNotBreak() {
        SchemaDiff diff = differ.diff(v(1, opt("cust", FieldType.STRING)), v(2, Field.builder("owner", FieldType.STRING)
                .aliases(List.of("cust")).build()));

        assertThat(diff.renamed()).containsExactly(new FieldChange.Renamed("cust", "owner", FieldType.STRING, true, 1.0));
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.ACTIVE);
    }

    @Test
    void eachOldFieldIsRenamedAtMostOnceBestMatchFirst() {
        SchemaDiff diff = differ.diff(v(1, opt("user_count", FieldType.LONG)),
                v(2, opt("usr_count", FieldType.LONG), opt("user_cnt", FieldType.LONG)));

        assertThat(diff.renamed()).hasSize(1);
        assertThat(diff.added()).hasSize(1);
    }

    @Test
    void profilesThatDisagreeVetoANameOnlyRename() {
        SchemaVersion from = v(1, opt("amount", FieldType.DOUBLE));
        SchemaVersion to = v(2, opt("amt", FieldType.DOUBLE));
        Map<String, FieldStats> fromStats = Map.of("amount", new FieldStats("amount", 1000, 0, 900, 3, 8, 120.5));
        Map<String, FieldStats> alike = Map.of("amt", new FieldStats("amt", 500, 0, 450, 3, 8, 118.0));
        Map<String, FieldStats> unlike = Map.of("amt", new FieldStats("amt", 500, 490, 2, 1, 1, 0.5));

        assertThat(differ.diff(from, to).renamed()).hasSize(1);
        assertThat(differ.diff(from, to, fromStats, alike).renamed()).singleElement()
                .satisfies(r -> assertThat(r.score()).isGreaterThan(0.85));
        assertThat(differ.diff(from, to, fromStats, unlike).renamed()).isEmpty();
    }

    @Test
    void typeChangesSayWhetherTheyWiden() {
        SchemaDiff diff = differ.diff(v(1, opt("n", FieldType.LONG), opt("s", FieldType.STRING)),
                v(2, opt("n", FieldType.DOUBLE), opt("s", FieldType.LONG)));

        assertThat(diff.typeChanged()).containsExactly(
                new FieldChange.TypeChanged("n", FieldType.LONG, FieldType.DOUBLE, true),
                new FieldChange.TypeChanged("s", FieldType.STRING, FieldType.LONG, false));
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.BREAKING);
    }

    @Test
    void aWideningAloneDoesNotBreak() {
        SchemaDiff diff = differ.diff(v(1, opt("n", FieldType.LONG)), v(2, opt("n", FieldType.DOUBLE)));

        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.ACTIVE);
    }

    @Test
    void fieldsBecomingRequiredAreListed() {
        SchemaDiff diff = differ.diff(v(1, opt("email", FieldType.STRING)), v(2, Field.required("email", FieldType.STRING)));

        assertThat(diff.nowRequired()).containsExactly(new FieldChange.NowRequired("email", FieldType.STRING));
        assertThat(diff.newVersionStatus()).isEqualTo(SchemaStatus.ACTIVE);
    }

    @Test
    void nestedChangesCarryTheirFullPath() {
        Field deviceOld = Field.builder("device", FieldType.STRUCT).children(List.of(
                opt("device.os", FieldType.STRING), opt("device.os_version", FieldType.STRING))).build();
        Field deviceNew = Field.builder("device", FieldType.STRUCT).children(List.of(
                opt("device.os", FieldType.LONG), opt("device.model", FieldType.STRING))).build();
        Field itemsOld = Field.builder("items", FieldType.LIST).element(Field.builder("items[]", FieldType.STRUCT)
                .children(List.of(opt("items[].qty", FieldType.LONG))).build()).build();
        Field itemsNew = Field.builder("items", FieldType.LIST).element(Field.builder("items[]", FieldType.STRUCT)
                .children(List.of(Field.required("items[].qty", FieldType.LONG))).build()).build();

        SchemaDiff diff = differ.diff(v(1, deviceOld, itemsOld), v(2, deviceNew, itemsNew));

        assertThat(diff.typeChanged()).extracting(FieldChange::path).containsExactly("device.os");
        assertThat(diff.removed()).extracting(FieldChange::path).containsExactly("device.os_version");
        assertThat(diff.added()).extracting(FieldChange::path).containsExactly("device.model");
        assertThat(diff.nowRequired()).extracting(FieldChange::path).containsExactly("items[].qty");
    }

    @Test
    void childrenOfARenamedStructAreComparedUnderTheNewPath() {
        Field old = Field.builder("customer", FieldType.STRUCT).children(List.of(opt("customer.name", FieldType.STRING))).build();
        Field neu = Field.builder("cust", FieldType.STRUCT).children(List.of(opt("cust.name", FieldType.LONG))).build();

        SchemaDiff diff = differ.diff(v(1, old), v(2, neu));

        assertThat(diff.renamed()).extracting(FieldChange.Renamed::oldPath, FieldChange::path)
                .containsExactly(tuple("customer", "cust"));
        assertThat(diff.typeChanged()).extracting(FieldChange::path).containsExactly("cust.name");
    }

    @Test
    void allListsEveryChange() {
        SchemaDiff diff = differ.diff(v(1, opt("a", FieldType.LONG), opt("gone", FieldType.BOOLEAN)),
                v(2, opt("a", FieldType.STRING), opt("new_one", FieldType.DATE)));

        assertThat(diff.all()).hasSize(3);
        assertThat(diff.fromVersion()).isEqualTo(1);
        assertThat(diff.toVersion()).isEqualTo(2);
    }
}
