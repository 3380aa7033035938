package dev.storyline.console.web;

/** How the console names a medium: its file name, without the folders of the library. */
public final class Media {

    private Media() {}

    public static String name(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
