package dev.storyline.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.testkit.Samples;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void every_event_type_survives_a_round_trip() {
        UUID post = UUID.randomUUID();
        List<EventPayload> payloads = List.of(
                new PostRequested(Samples.content(), Route.AUTO, "api_enabled", "1784", Instant.now(), false),
                Samples.mediaHosted("p").payload(),
                new PostPublished("s1", "c1", PostMethod.INSTAGRAM_API, Instant.now(), false),
                new FallbackRequested(Samples.content(), FallbackReason.RATE_LIMITED, "quota", null),
                new FallbackRequested(Samples.content(), FallbackReason.TOKEN_EXPIRED, "code 190", null, 7L),
                new ManualPostResolved(ManualAction.REJECTED, 42L, "ann", Instant.now()),
                new ManualPostResolved(
                        ManualAction.POSTED, 0, "ana@brand.com", Instant.now(), "ana@brand.com", "web-console"),
                new PostFailed("telegram", "chat not found"),
                new TokenRefreshed(Instant.now()),
                new TokenRefreshFailed("400 from Meta", Instant.now(), 3),
                new TokenRefreshed(Instant.now(), 8L),
                new TokenRefreshFailed("400 from Meta", Instant.now(), 3, 8L),
                new AdminAlert("k", AlertSeverity.WARNING, "text"));
        for (EventPayload payload : payloads) {
            EventEnvelope<EventPayload> event = EventEnvelope.forPost("default", post, payload);
            EventEnvelope<EventPayload> read = codec.read(codec.write(event));
            assertThat(read).isEqualTo(event);
        }
    }

    @Test
    void a_manual_resolution_without_by_and_via_from_older_senders_is_still_read_as_telegram() {
        String old = codec.writeString(EventEnvelope.forPost(
                        "a", UUID.randomUUID(), new ManualPostResolved(ManualAction.SKIPPED, 7L, "mia", Instant.now())))
                .replace(",\"by\":null", "")
                .replace(",\"via\":null", "");
        assertThat(old).doesNotContain("\"via\"");
        ManualPostResolved read = (ManualPostResolved) codec.read(old).payload();
        assertThat(read.face()).isEqualTo(ManualPostResolved.VIA_TELEGRAM);
        assertThat(read.who()).isEqualTo("mia");
    }

    @Test
    void token_events_without_a_generation_from_older_senders_are_still_read() {
        String refreshed = codec.writeString(EventEnvelope.forAccount("a", new TokenRefreshed(Instant.now(), 3L)))
                .replace(",\"generation\":3", "");
        String failed = codec.writeString(EventEnvelope.forAccount("a", new TokenRefreshFailed("x", null, 0, 3L)))
                .replace(",\"generation\":3", "");

        assertThat(((TokenRefreshed) codec.read(refreshed).payload()).generation())
                .isNull();
        assertThat(((TokenRefreshFailed) codec.read(failed).payload()).generation())
                .isNull();
        assertThat(refreshed).doesNotContain("generation");
    }

    @Test
    void method_and_routing_keys_use_the_documented_wire_names() {
        String json = codec.writeString(EventEnvelope.forPost(
                "a",
                UUID.randomUUID(),
                new PostPublished("s", null, PostMethod.TELEGRAM_MANUAL, Instant.now(), false)));
        assertThat(json).contains("\"method\":\"telegram_manual\"");
        assertThat(new FallbackRequested(Samples.content(), FallbackReason.TOKEN_EXPIRED, "x", null).routingKey())
                .isEqualTo("post.fallback.token_expired");
        assertThat(new PostRequested(
                                Samples.content(), Route.MANUAL, "requires_interaction", null, Instant.now(), false)
                        .routingKey())
                .isEqualTo("post.requested.manual");
    }

    @Test
    void rejects_what_is_not_an_event_with_a_reason() {
        assertReason("[]", RejectedEventException.Reason.MALFORMED);
        assertReason("{\"type\":\"Nope\",\"schemaVersion\":1}", RejectedEventException.Reason.UNKNOWN_TYPE);
        assertReason(
                "{\"type\":\"PostFailed\",\"schemaVersion\":2}",
                RejectedEventException.Reason.UNSUPPORTED_SCHEMA_VERSION);
        assertReason("{\"type\":\"PostFailed\"}", RejectedEventException.Reason.MALFORMED);
    }

    @Test
    void rejects_a_payload_missing_a_required_field_and_names_it() {
        String json = codec.writeString(
                        EventEnvelope.forPost("a", UUID.randomUUID(), new PostFailed("telegram", "boom")))
                .replace("\"stage\":\"telegram\",", "");
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("stage is required");
    }

    @Test
    void rejects_a_media_path_that_escapes_the_media_root() {
        String json = codec.writeString(Samples.mediaHosted("p")).replace("memes/cat.jpg", "../../etc/passwd");
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("relative to the media root");
    }

    @Test
    void tolerates_unknown_payload_fields_from_a_newer_producer_of_the_same_version() {
        String json = codec.writeString(
                        EventEnvelope.forPost("a", UUID.randomUUID(), new PostFailed("telegram", "boom")))
                .replace("\"stage\":", "\"newField\":7,\"stage\":");
        assertThat(codec.read(json).payload()).isEqualTo(new PostFailed("telegram", "boom"));
    }

    private void assertReason(String json, RejectedEventException.Reason reason) {
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOfSatisfying(
                        RejectedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
