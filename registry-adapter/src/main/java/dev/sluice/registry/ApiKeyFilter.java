package dev.sluice.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * API-key authentication. Keys come in {@code X-API-Key}, as {@code Authorization: Bearer <key>},
 * or as the password of {@code Authorization: Basic} (what Confluent clients send with
 * {@code basic.auth.user.info}). Reads need a read or admin key, writes an admin key. A missing,
 * malformed or unknown key gets 401; a read key on a write gets 403. The OpenAPI document is public.
 * The audit trail records the key's id (a hash prefix, never the key) and the optional
 * {@code X-Sluice-Actor} header.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class ApiKeyFilter implements Ordered {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._~+/=-]{8,256}");
    private static final Pattern WRITE_POST = Pattern.compile("^/subjects/[^/]+/versions(/[^/]+/resolve)?/?$");

    private final AuthConfig config;
    private final List<byte[]> readKeys;
    private final List<byte[]> adminKeys;

    ApiKeyFilter(AuthConfig config) {
        this.config = config;
        this.readKeys = config.readKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.adminKeys = config.adminKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/openapi/") || path.equals("/health")) {
            return null;
        }
        if (!config.enabled()) {
            request.setAttribute(Http.ACTOR_ATTRIBUTE, actorName(request, "auth-disabled"));
            return null;
        }
        String key;
        try {
            key = extractKey(request);
        } catch (IllegalArgumentException e) {
            return deny(RegistryError.UNAUTHENTICATED, "Malformed credentials: " + e.getMessage(), path);
        }
        if (key == null) {
            return deny(RegistryError.UNAUTHENTICATED,
                    "Missing API key: send it as X-API-Key, Authorization: Bearer, or the password of Authorization: Basic", path);
        }
        if (!WELL_FORMED.matcher(key).matches()) {
            return deny(RegistryError.UNAUTHENTICATED, "Malformed API key: expected 8 to 256 characters of [A-Za-z0-9._~+/=-]", path);
        }
        byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        boolean admin = matches(adminKeys, presented);
        boolean reader = admin || matches(readKeys, presented);
        if (!reader) {
            return deny(RegistryError.UNAUTHENTICATED, "Unknown API key", path);
        }
        if (isWrite(request) && !admin) {
            return deny(RegistryError.FORBIDDEN, request.getMethod() + " " + path
                    + " changes the registry and needs an admin key; this key may only read", path);
        }
        request.setAttribute(Http.ACTOR_ATTRIBUTE, actorName(request, (admin ? "admin-key:" : "read-key:") + keyId(presented)));
        return null;
    }

    static boolean isWrite(HttpRequest<?> request) {
        HttpMethod m = request.getMethod();
        return m == HttpMethod.PUT || m == HttpMethod.DELETE || m == HttpMethod.PATCH
                || (m == HttpMethod.POST && WRITE_POST.matcher(request.getPath()).matches());
    }

    private static String extractKey(HttpRequest<?> request) {
        String header = request.getHeaders().get("X-API-Key");
        if (header != null) {
            return header.trim();
        }
        String auth = request.getHeaders().getAuthorization().orElse(null);
        if (auth == null) {
            return null;
        }
        int space = auth.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("the Authorization header has no scheme");
        }
        String scheme = auth.substring(0, space);
        String value = auth.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return value;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Basic credentials are not user:key");
            }
            return decoded.substring(colon + 1);
        }
        throw new IllegalArgumentException("unsupported Authorization scheme '" + scheme + "'");
    }

    private static boolean matches(List<byte[]> keys, byte[] presented) {
        boolean found = false;
        for (byte[] k : keys) {
            found |= MessageDigest.isEqual(k, presented);
        }
        return found;
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String actorName(HttpRequest<?> request, String keyActor) {
        String who = request.getHeaders().get("X-Sluice-Actor");
        if (who == null || who.isBlank()) {
            return keyActor;
        }
        String clean = who.strip().replaceAll("[^\\p{Print}]", "");
        return (clean.length() > 64 ? clean.substring(0, 64) : clean) + " (" + keyActor + ")";
    }

    private static HttpResponse<?> deny(RegistryError error, String message, String path) {
        HttpResponse<?> response = RegistryExceptionHandler.problem(error, message, List.of(), path);
        if (error == RegistryError.UNAUTHENTICATED) {
            return ((io.micronaut.http.MutableHttpResponse<?>) response).header("WWW-Authenticate", "Bearer realm=\"sluice-registry\"");
        }
        return response;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
