package dev.sluice.domain.application.service.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NameSimilarityTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "transaction_date, txn_date",
            "transaction_date, transactionDate",
            "event_timestamp, event_ts",
            "user_count, user_cnt",
            "customer_id, cust_id",
            "quantity, qty",
            "colour, color",
            "amount, amt",
            "order_total, orderTotal",
    })
    void renamesOfTheSameMeaningScoreAtLeastTheThreshold(String a, String b) {
        assertThat(NameSimilarity.similarity(a, b)).isGreaterThanOrEqualTo(SchemaDiffer.RENAME_THRESHOLD);
        assertThat(NameSimilarity.similarity(b, a)).isEqualTo(NameSimilarity.similarity(a, b));
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource({
            "start_date, end_date",
            "min_value, max_value",
            "first_name, last_name",
            "user_id, customer_id",
            "price, cost",
            "count, amount",
            "latitude, longitude",
    })
    void differentFieldsScoreBelowTheThreshold(String a, String b) {
        assertThat(NameSimilarity.similarity(a, b)).isLessThan(SchemaDiffer.RENAME_THRESHOLD);
    }

    @Test
    void transactionDateToTxnDateScoresAsDocumented() {
        assertThat(NameSimilarity.similarity("transaction_date", "txn_date")).isCloseTo(0.95, within(1e-9));
    }

    @Test
    void tokensSplitOnSeparatorsAndCamelCase() {
        assertThat(NameSimilarity.tokens("deviceOS_version-2.x")).containsExactly("device", "os", "version", "2", "x");
    }
}
