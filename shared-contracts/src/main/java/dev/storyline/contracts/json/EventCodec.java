package dev.storyline.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads and writes {@link EventEnvelope}s. Reading is strict about the envelope (every field,
 * a known type, a supported schema version) and tolerant of new optional payload fields, so a
 * newer producer of the same schema version does not break an older consumer.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public byte[] write(EventEnvelope<?> envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + envelope.eventId(), e);
        }
    }

    public String writeString(EventEnvelope<?> envelope) {
        return new String(write(envelope), StandardCharsets.UTF_8);
    }

    public EventEnvelope<EventPayload> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public EventEnvelope<EventPayload> read(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (Exception e) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.MALFORMED, "body is not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new RejectedEventException(RejectedEventException.Reason.MALFORMED, "body is not a JSON object");
        }
        String typeName = text(root, "type");
        EventType type = EventType.byWireName(typeName)
                .orElseThrow(() -> new RejectedEventException(
                        RejectedEventException.Reason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'"));
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.MALFORMED, "schemaVersion is missing or not a number");
        }
        if (!type.supports(version.intValue())) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion " + version.intValue() + " of " + typeName + " is not supported (this build reads "
                            + EventType.CURRENT_SCHEMA_VERSION + ")");
        }
        try {
            EventPayload payload = mapper.treeToValue(required(root, "payload"), type.payloadType());
            return new EventEnvelope<>(
                    UUID.fromString(text(root, "eventId")),
                    typeName,
                    version.intValue(),
                    Instant.parse(text(root, "occurredAt")),
                    text(root, "accountId"),
                    optionalUuid(root, "postId"),
                    UUID.fromString(text(root, "correlationId")),
                    payload);
        } catch (RejectedEventException e) {
            throw e;
        } catch (Exception e) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.MALFORMED, typeName + " is malformed: " + firstLine(e));
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.MALFORMED, "field '" + field + "' is missing");
        }
        return node;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.MALFORMED, "field '" + field + "' is not a string");
        }
        return node.textValue();
    }

    private static UUID optionalUuid(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : UUID.fromString(node.asText());
    }

    /** Jackson messages quote source locations over several lines; the first line is the useful part. */
    private static String firstLine(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause.getCause() instanceof IllegalArgumentException
                    || cause.getCause() instanceof NullPointerException) {
                cause = cause.getCause();
                break;
            }
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
