package dev.sluice.ingestion.config;

import dev.sluice.ingestion.parse.JsonItemParser;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class ParserFactory {

    @Singleton
    JsonItemParser jsonItemParser(ParserConfig config) {
        return new JsonItemParser(config.toLimits());
    }
}
