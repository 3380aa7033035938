package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.PostContent;
import dev.storyline.telegram.TelegramProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Chooses how a manual post travels and writes what the person reads. Telegram's upload limits
 * decide the method: a photo over 10 MB or a video over 50 MB cannot go as such (a
 * video is never sent as a photo); the fallbacks are a document, then the hosted link as text.
 */
@Component
class MessageComposer {

    static final long PHOTO_LIMIT = 10L * 1024 * 1024;
    static final long FILE_LIMIT = 50L * 1024 * 1024;
    private static final int CAPTION_LIMIT = 1024;
    private static final int TEXT_LIMIT = 4096;
    /** Room left for the outcome line added when someone decides ("✅ Posted by …"). */
    private static final int OUTCOME_RESERVE = 160;

    private final TelegramProperties properties;

    MessageComposer(TelegramProperties properties) {
        this.properties = properties;
    }

    OutgoingMessage compose(ManualRequest request) {
        PostContent content = request.content();
        String description = describe(request);
        Path file = properties.logOnly() ? Path.of(content.mediaPath()) : resolve(content.mediaPath());
        if (properties.logOnly()) {
            return new OutgoingMessage(kindFor(content, content.sizeBytes()), file, description);
        }
        if (file == null) {
            return text(description + "\n\n⚠ The media file leads outside the media folder (a symbolic link), so it is "
                    + "not attached" + hosted(request));
        }
        if (!Files.isRegularFile(file)) {
            // Still reaches a person: they can skip it or post it from the hosted copy.
            return text(description + "\n\n⚠ The media file is missing from the media folder" + hosted(request));
        }
        long size = size(file);
        MessageKind kind = kindFor(content, size);
        if (kind == MessageKind.TEXT) {
            return text(description + "\n\n⚠ The file is too large for Telegram (" + size / (1024 * 1024) + " MB)"
                    + hosted(request));
        }
        return new OutgoingMessage(kind, file, truncate(description, CAPTION_LIMIT - OUTCOME_RESERVE));
    }

    /** The same media as a document, for when Telegram refuses it as a photo or video (e.g. dimensions). */
    OutgoingMessage asDocument(OutgoingMessage message) {
        return new OutgoingMessage(MessageKind.DOCUMENT, message.file(), message.text());
    }

    static MessageKind kindFor(PostContent content, long size) {
        if (size > FILE_LIMIT) {
            return MessageKind.TEXT;
        }
        if (content.isVideo()) {
            return MessageKind.VIDEO;
        }
        if (content.mimeType().startsWith("image/") && size <= PHOTO_LIMIT) {
            return MessageKind.PHOTO;
        }
        return MessageKind.DOCUMENT;
    }

    private OutgoingMessage text(String text) {
        return new OutgoingMessage(MessageKind.TEXT, null, truncate(text, TEXT_LIMIT - OUTCOME_RESERVE));
    }

    private static String hosted(ManualRequest request) {
        return request.hostedUrl() == null || request.hostedUrl().isBlank()
                ? "; it is at " + request.content().mediaPath() + " in the media folder."
                : ".\nDownload: " + request.hostedUrl();
    }

    private String describe(ManualRequest request) {
        PostContent content = request.content();
        StringBuilder text = new StringBuilder();
        text.append("📲 Story to post by hand · account ")
                .append(request.source().accountId())
                .append('\n');
        text.append("Why: ").append(request.why()).append('\n');
        text.append("Category: ").append(content.category()).append('\n');
        line(text, "Title", content.title());
        line(text, "Caption", content.caption());
        line(text, "Link", content.link());
        if (!content.tags().isEmpty()) {
            text.append("Tags: ")
                    .append(content.tags().stream()
                            .map(t -> t.startsWith("#") ? t : "#" + t)
                            .collect(Collectors.joining(" ")))
                    .append('\n');
        }
        if (content.requiresInteraction()) {
            text.append("Needs stickers (link, poll or mention): add them in the app\n");
        }
        text.append("File: ").append(content.mediaPath());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    /**
     * mediaPath is relative and checked by PostContent; the real path (symbolic links followed) must stay
     * under the real MEDIA_ROOT too, or a link dropped in the media folder would send whatever it points
     * at: such a path resolves to null. A missing file resolves to its normalised path.
     */
    private Path resolve(String mediaPath) {
        Path root = properties.mediaRootPath();
        Path file = root.resolve(mediaPath).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("media path escapes MEDIA_ROOT: " + mediaPath);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return file;
        }
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (NoSuchFileException e) {
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
