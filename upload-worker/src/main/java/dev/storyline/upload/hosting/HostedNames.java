package dev.storyline.upload.hosting;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The names hosted copies get at each provider. None is made from the file's name, which may hold any
 * character a file system allows: only a short lower-case ASCII extension is taken from it (fetchers
 * that look at URLs like one), everything else is ids, so every link, key and public id is plain ASCII.
 */
public final class HostedNames {

    private static final Pattern EXTENSION = Pattern.compile("\\.[a-z0-9]{1,5}$");

    private HostedNames() {}

    /** The file's extension with its dot, lower case ({@code .jpg}), or empty when it has none usable. */
    public static String extensionOf(String mediaPath) {
        var matcher = EXTENSION.matcher(mediaPath.toLowerCase(Locale.ROOT));
        return matcher.find() ? matcher.group() : "";
    }

    /** The local provider's public id: the last segment of a signed link. */
    public static String localPublicId(UUID unique, String extension) {
        return unique + extension;
    }

    /** The S3 object key, under the configured prefix and the post. */
    public static String s3Key(String keyPrefix, UUID postId, UUID unique, String extension) {
        return keyPrefix + postId + "/" + unique + extension;
    }

    /** The Cloudinary public id, in the configured folder (Cloudinary adds the extension itself). */
    public static String cloudinaryPublicId(String folder, UUID postId, UUID unique) {
        return folder + "/" + postId + "-" + unique;
    }
}
