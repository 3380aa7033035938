package dev.storyline.contracts.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of event types: wire name, payload class and the schema versions a consumer of
 * this build understands. An event outside this catalogue is rejected to the DLQ, never guessed at.
 */
public enum EventType {
    POST_REQUESTED("PostRequested", PostRequested.class),
    MEDIA_HOSTED("MediaHosted", MediaHosted.class),
    POST_PUBLISHED("PostPublished", PostPublished.class),
    FALLBACK_REQUESTED("FallbackRequested", FallbackRequested.class),
    MANUAL_POST_RESOLVED("ManualPostResolved", ManualPostResolved.class),
    POST_FAILED("PostFailed", PostFailed.class),
    TOKEN_REFRESHED("TokenRefreshed", TokenRefreshed.class),
    TOKEN_REFRESH_FAILED("TokenRefreshFailed", TokenRefreshFailed.class),
    ADMIN_ALERT("AdminAlert", AdminAlert.class),
    AUTO_POST_REQUESTED("AutoPostRequested", AutoPostRequested.class);

    public static final int CURRENT_SCHEMA_VERSION = 1;

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;
    private final Set<Integer> supportedVersions = Set.of(CURRENT_SCHEMA_VERSION);

    EventType(String wireName, Class<? extends EventPayload> payloadType) {
        this.wireName = wireName;
        this.payloadType = payloadType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public boolean supports(int schemaVersion) {
        return supportedVersions.contains(schemaVersion);
    }

    public static Optional<EventType> byWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    public static EventType of(EventPayload payload) {
        return of(payload.getClass());
    }

    public static EventType of(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadType));
    }
}
