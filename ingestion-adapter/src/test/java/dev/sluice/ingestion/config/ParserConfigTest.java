package dev.sluice.ingestion.config;

import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParserConfigTest {

    @Test
    void defaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            assertThat(context.getBean(ParserConfig.class)).isEqualTo(new ParserConfig(1048576, 64));
            assertThat(context.getBean(JsonItemParser.class).limits()).isEqualTo(ParseLimits.DEFAULTS);
        }
    }

    @Test
    void explicitMapping() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "sluice.ingestion.parser.max-event-bytes", "4096",
                "sluice.ingestion.parser.max-nesting-depth", "8"))) {
            assertThat(context.getBean(JsonItemParser.class).limits()).isEqualTo(new ParseLimits(4096, 8));
        }
    }
}
