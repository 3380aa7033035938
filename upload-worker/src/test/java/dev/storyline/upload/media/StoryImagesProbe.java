package dev.storyline.upload.media;

import dev.storyline.contracts.events.PostContent;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.StoryMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Run in a child JVM with a small heap: prepares one image as upload-worker does before hosting it and
 * prints one line, {@code RESULT converted WxH}, {@code RESULT permanent <reason>} or {@code RESULT error <throwable>}.
 * Args: file mimeType.
 */
public final class StoryImagesProbe {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PostContent content = new PostContent(
                UUID.randomUUID(),
                "photos/" + file.getFileName(),
                args[1],
                "photos",
                "ab".repeat(32),
                Files.size(file),
                null,
                null,
                null,
                List.of(),
                false);
        try {
            StoryMedia media = new StoryImages().prepare(content, file);
            BufferedImage result = ImageIO.read(media.file().toFile());
            System.out.println("RESULT converted " + result.getWidth() + "x" + result.getHeight());
            StoryImages.deleteQuietly(media.converted() ? media.file() : null);
        } catch (HostingException e) {
            System.out.println("RESULT " + (e.isTransient() ? "transient " : "permanent ") + e.getMessage());
        } catch (Throwable e) {
            System.out.println("RESULT error " + e);
        }
    }
}
