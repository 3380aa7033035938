package dev.storyline.platform.security;

import java.util.List;

/**
 * Paths a service serves to anyone with GET and HEAD (e.g. upload-worker's signed media links, which
 * carry their own signature). Declared as a bean in code, never read from configuration, so no
 * environment variable can open the admin API by accident.
 *
 * @param patterns Spring path patterns such as {@code /media/*}
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
        for (String pattern : patterns) {
            if (pattern.startsWith("/api") || pattern.startsWith("/internal") || pattern.contains("**")) {
                throw new IllegalArgumentException(
                        "a public path must be narrow and outside /api and /internal: " + pattern);
            }
        }
    }

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
