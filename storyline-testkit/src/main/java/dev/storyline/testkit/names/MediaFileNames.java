package dev.storyline.testkit.names;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of the file and folder names people actually drop into a media folder, and worse: unicode
 * (accents, CJK, emoji), spaces, runs of dots, {@code # % ? &}, leading dashes, backslashes, control
 * characters, names up to the 255 bytes a Linux file name can have. Every name is one a Linux file
 * system accepts (no {@code /}, no NUL, not {@code .} or {@code ..}).
 */
public final class MediaFileNames {

    public static final int MAX_NAME_BYTES = 255;

    private static final String ODD_ASCII = "abcxyzABCXYZ0189 ._-#%?&+=~!'\"()[]{}@$,;^`|*<>:\\";
    private static final String CONTROL = "\t\n\r\u000b\u001b\u007f\u0085";

    private MediaFileNames() {}

    /** A file name: an odd stem and, mostly, an extension (of any case, or odd). */
    public static Arbitrary<String> fileNames() {
        Arbitrary<String> extension = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(".jpg", ".jpeg", ".png", ".mp4", ".mov", ".webp")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(".JPG", ".Mp4", ".tar.gz", ".jpg.", "..jpg", "...jpg")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", ".", ".ünï", ".🎉", ".jpg\n")));
        return Combinators.combine(prefixes(), stems(), extension)
                .as((prefix, stem, ext) -> fit(prefix + stem, ext))
                .filter(MediaFileNames::linuxAccepts);
    }

    /** A folder name: the same oddities without an extension. */
    public static Arbitrary<String> folderNames() {
        return Combinators.combine(prefixes(), stems())
                .as((prefix, stem) -> fit(prefix + stem, ""))
                .filter(MediaFileNames::linuxAccepts);
    }

    /**
     * The segments of a file's path below an account's root: category, 0 to 5 folders, the file; none
     * hidden (a leading dot), since the indexer skips those on purpose.
     */
    public static Arbitrary<List<String>> pathSegments() {
        Arbitrary<String> folder = folderNames().filter(name -> !name.startsWith("."));
        return Combinators.combine(
                        folder, folder.list().ofMaxSize(5), fileNames().filter(name -> !name.startsWith(".")))
                .as((category, folders, file) -> {
                    List<String> segments = new ArrayList<>();
                    segments.add(category);
                    segments.addAll(folders);
                    segments.add(file);
                    return List.copyOf(segments);
                });
    }

    private static Arbitrary<String> prefixes() {
        return Arbitraries.of("", "", "", "-", "--", "-rf ", " ", "#", "%20", "?", ".", "..", "~", "日本 ");
    }

    private static Arbitrary<String> stems() {
        Arbitrary<String> plain =
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> odd = Arbitraries.strings()
                .withChars(ODD_ASCII)
                .withCharRange('\u00c0', '\u00ff')
                .withChars("日本語中文한국어ßœЖж€")
                .withChars(CONTROL)
                .ofMinLength(1)
                .ofMaxLength(40);
        Arbitrary<String> emoji = Arbitraries.of("🎉", "👍🏽", "🇯🇵", "❤️", "👨‍👩‍👧")
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(list -> String.join("", list));
        Arbitrary<String> longName =
                Arbitraries.strings().withChars("aé日 .-").ofMinLength(100).ofMaxLength(260);
        Arbitrary<String> specials = Arbitraries.of(
                "wow..",
                "final..v2",
                "a...b",
                "...",
                "x.y.z",
                "..hidden",
                " ",
                "   ",
                "-",
                "#",
                "%",
                "?",
                "%2F",
                "%00");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain),
                net.jqwik.api.Tuple.of(5, odd),
                net.jqwik.api.Tuple.of(1, emoji),
                net.jqwik.api.Tuple.of(1, longName),
                net.jqwik.api.Tuple.of(3, specials));
    }

    /** Cuts the stem (never inside a character) so that stem + extension fits in 255 bytes. */
    private static String fit(String stem, String extension) {
        int budget = MAX_NAME_BYTES - bytes(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (used + bytes(ch) > budget) {
                break;
            }
            kept.append(ch);
            used += bytes(ch);
            i += Character.charCount(cp);
        }
        return kept + extension;
    }

    public static boolean linuxAccepts(String name) {
        return !name.isEmpty()
                && !name.equals(".")
                && !name.equals("..")
                && name.indexOf('/') < 0
                && name.indexOf('\0') < 0
                && bytes(name) <= MAX_NAME_BYTES;
    }

    public static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
