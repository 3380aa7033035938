package dev.storyline.contracts.events;

import java.util.Optional;

/**
 * The one rule for a media path carried in events, shared by {@link PostContent} and the scheduler's
 * indexer so that nothing the indexer calls valid is refused by the event later. Only whole path
 * segments {@code .} and {@code ..} are refused: {@code wow...jpg} and {@code final..v2.png} are
 * ordinary names.
 */
public final class MediaPaths {

    private MediaPaths() {}

    /**
     * Why {@code mediaPath} (relative to the media root, forward slashes) cannot travel in an event,
     * or empty when it can. The reason is meant for the person who named the file.
     */
    public static Optional<String> problem(String mediaPath) {
        if (mediaPath == null || mediaPath.isBlank()) {
            return Optional.of("the path is empty");
        }
        if (mediaPath.startsWith("/")) {
            return Optional.of("the path must be relative to the media root");
        }
        if (mediaPath.indexOf('\\') >= 0) {
            // forward slashes are the only separator; a backslash would be read as one on some systems
            return Optional.of("the name contains a backslash (\\); rename the file");
        }
        for (int i = 0; i < mediaPath.length(); ) {
            int c = mediaPath.codePointAt(i);
            if (Character.isISOControl(c)) {
                // a line break in a name would break the headers it is sent in (e.g. a Telegram upload)
                return Optional.of("the name contains a control character (such as a line break); rename the file");
            }
            i += Character.charCount(c);
        }
        for (String segment : mediaPath.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("the path has an empty folder name (// or a trailing /)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("the path has a '" + segment
                        + "' segment; it must be relative to the media root and stay inside it");
            }
        }
        return Optional.empty();
    }
}
