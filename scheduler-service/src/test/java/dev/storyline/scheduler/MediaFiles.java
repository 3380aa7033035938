package dev.storyline.scheduler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real media files for tests, made on the fly. */
public final class MediaFiles {

    private MediaFiles() {}

    public static Path image(Path file, int width, int height, String format, Color color) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(color);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.drawString(file.getFileName().toString(), 10, 20);
            g.dispose();
            ImageIO.write(image, format, file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path storyJpeg(Path file, Color color) {
        return image(file, 540, 960, "jpg", color);
    }
}
