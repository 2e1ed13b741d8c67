package dev.sluice.domain.application.service.profiling.text;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableReaderTest {

    private static CsvTableReader open(String csv, CsvHeaderMode mode) {
        return CsvTableReader.open(new StringReader(csv), CsvOptions.DEFAULTS.withHeader(mode));
    }

    private static List<CsvRecord> records(CsvTableReader reader) {
        List<CsvRecord> out = new ArrayList<>();
        for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    private static CsvRecord.Row row(long index, long line, String... cells) {
        return new CsvRecord.Row(index, line, Arrays.asList(cells));
    }

    @Test
    void readsQuotedCellsWithDelimitersDoubledQuotesAndLineBreaks() {
        CsvTableReader reader = open("id,text\r\n1,\"a, \"\"quoted\"\" word\"\r\n2,\"two\r\nlines\"\r\n3,plain\r\n",
                CsvHeaderMode.PRESENT);
        assertThat(reader.columns()).containsExactly("id", "text");
        assertThat(records(reader)).containsExactly(
                row(0, 2, "1", "a, \"quoted\" word"),
                row(1, 3, "2", "two\r\nlines"),
                row(2, 5, "3", "plain"));
    }

    @Test
    void acceptsLfAndCrLineEndsAndNoFinalLineEnd() {
        assertThat(records(open("a,b\n1,2\r3,4", CsvHeaderMode.PRESENT)))
                .containsExactly(row(0, 2, "1", "2"), row(1, 3, "3", "4"));
    }

    @Test
    void readsAnEmptyUnquotedCellAsNullAndAnEmptyQuotedCellAsEmptyString() {
        assertThat(records(open("a,b,c\n,\"\",x\n1,,\n", CsvHeaderMode.PRESENT)))
                .containsExactly(row(0, 2, null, "", "x"), row(1, 3, "1", null, null));
    }

    @Test
    void skipsBlankLines() {
        assertThat(records(open("a\n\n1\n\n\n2\n", CsvHeaderMode.PRESENT)))
                .containsExactly(row(0, 3, "1"), row(1, 6, "2"));
    }

    @Test
    void reportsMalformedRecordsWithTheirPositionAndGoesOn() {
        List<CsvRecord> records = records(open("a,b\n1,x\"y\n2,\"q\"z\n3\n4,5\n", CsvHeaderMode.PRESENT));
        assertThat(records).containsExactly(
                new CsvRecord.Malformed(0, 2, 4, "quote inside an unquoted cell; quote the whole cell and double the quote"),
                new CsvRecord.Malformed(1, 3, 6, "unexpected character 'z' after the closing quote of a cell"),
                new CsvRecord.Malformed(2, 4, 1, "record has 1 cells but there are 2 columns in the header"),
                row(3, 5, "4", "5"));
    }

    @Test
    void reportsAnUnterminatedQuoteWhereItOpened() {
        assertThat(records(open("a,b\n1,\"never closed\n2,3\n", CsvHeaderMode.PRESENT))).containsExactly(
                new CsvRecord.Malformed(0, 4, 1, "unterminated quoted cell (opened at line 2, column 3)"));
    }

    @Test
    void honoursAnotherDelimiter() {
        CsvTableReader reader = CsvTableReader.open(new StringReader("a;b\n1;\"x;y\"\n"),
                CsvOptions.DEFAULTS.withHeader(CsvHeaderMode.PRESENT).withDelimiter(';'));
        assertThat(records(reader)).containsExactly(row(0, 2, "1", "x;y"));
    }

    @Test
    void detectsAHeaderAboveTypedColumns() {
        CsvTableReader reader = open("event_id,watch_seconds,ok\nE1,10,true\nE2,12,false\n", CsvHeaderMode.DETECT);
        assertThat(reader.hasHeader()).isTrue();
        assertThat(reader.columns()).containsExactly("event_id", "watch_seconds", "ok");
        assertThat(records(reader)).hasSize(2);
    }

    @Test
    void detectsThatANumericFirstRowIsData() {
        CsvTableReader reader = open("1,2.5,2025-08-11\n2,3.5,2025-08-12\n", CsvHeaderMode.DETECT);
        assertThat(reader.hasHeader()).isFalse();
        assertThat(reader.columns()).containsExactly("column_1", "column_2", "column_3");
        assertThat(records(reader)).containsExactly(row(0, 1, "1", "2.5", "2025-08-11"), row(1, 2, "2", "3.5", "2025-08-12"));
    }

    @Test
    void detectsThatAFirstRowRepeatedInItsColumnIsData() {
        assertThat(open("red,small\nblue,large\nred,medium\n", CsvHeaderMode.DETECT).hasHeader()).isFalse();
    }

    @Test
    void detectsThatAFirstRowWithEmptyOrDuplicateCellsIsData() {
        assertThat(open("a,,c\nx,1,y\n", CsvHeaderMode.DETECT).hasHeader()).isFalse();
        assertThat(open("name,Name\nx,1\n", CsvHeaderMode.DETECT).hasHeader()).isFalse();
    }

    @Test
    void takesIdentifierNamesOverTextColumnsAsAHeader() {
        assertThat(open("name,city\nAlice,Paris\nBob,London\n", CsvHeaderMode.DETECT).hasHeader()).isTrue();
        assertThat(open("hello world!,x\nAlice,Paris\n", CsvHeaderMode.DETECT).hasHeader()).isFalse();
    }

    @Test
    void letsTheCallerForceTheAnswer() {
        CsvTableReader absent = open("name,city\nAlice,Paris\n", CsvHeaderMode.ABSENT);
        assertThat(absent.hasHeader()).isFalse();
        assertThat(records(absent)).containsExactly(row(0, 1, "name", "city"), row(1, 2, "Alice", "Paris"));
        CsvTableReader present = open("1,2\n3,4\n", CsvHeaderMode.PRESENT);
        assertThat(present.columns()).containsExactly("1", "2");
        assertThat(records(present)).containsExactly(row(0, 2, "3", "4"));
    }

    @Test
    void sanitisesHeaderNamesIntoFieldNames() {
        CsvTableReader reader = open(" a.b ,x[1],,x[1]\n1,2,3,4\n", CsvHeaderMode.PRESENT);
        assertThat(reader.columns()).containsExactly("a_b", "x_1_", "column_3", "x_1__2");
    }

    @Test
    void replaysTheSampleWithoutLosingRowsBeyondIt() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append('\n');
        }
        List<CsvRecord> records = records(open(csv.toString(), CsvHeaderMode.DETECT));
        assertThat(records).hasSize(100);
        assertThat(records.get(99)).isEqualTo(row(99, 101, "99"));
    }

    @Test
    void headerDetectorIgnoresEmptySampleCells() {
        assertThat(CsvHeaderDetector.isHeader(List.of("a", "b"), List.of(Arrays.asList("1", null), Arrays.asList(null, "x"))))
                .isTrue();
    }
}
