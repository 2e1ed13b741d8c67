package dev.sluice.deploy.ingestion;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.annotation.Nullable;

/**
 * registry-adapter is on this deployable's classpath only for the pipeline's {@code SchemaCatalog};
 * its REST API is served by the registry service. Its routes are refused here, so that the
 * collector's port never exposes schema writes.
 */
@ServerFilter({"/subjects/**", "/subjects", "/schemas/**", "/config/**", "/config", "/compatibility/**", "/openapi/**"})
class RegistryRoutesOffFilter {

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body("The schema registry is served by the registry service, not by the collector");
    }
}
