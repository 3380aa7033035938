package dev.storyline.testkit.media;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Hostile images for tests: huge but valid, and small files that declare huge pictures. */
public final class TestImages {

    private TestImages() {}

    /**
     * A real JPEG of {@code width}×{@code height} (a 108 MP photo is 12000×9000), made by ffmpeg so that
     * the test JVM never holds its pixels; call {@link TestVideos#assumeFfmpeg()} first.
     */
    public static Path hugeJpeg(Path file, int width, int height) {
        return TestVideos.run(
                file, "-f", "lavfi", "-i", "color=c=gray:size=" + width + "x" + height, "-frames:v", "1", "-q:v", "4");
    }

    /**
     * A decompression bomb: a complete, valid PNG of {@code width}×{@code height} grey pixels, every row all
     * zero, which deflate shrinks about a thousandfold (20000×20000 is 400 MB decoded, under 1 MB on disk).
     */
    public static Path bombPng(Path file, int width, int height) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(png);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8); // bit depth
            h.writeByte(0); // greyscale
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", header.toByteArray());
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
                byte[] row = new byte[width + 1]; // filter byte 0, then zeros
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
