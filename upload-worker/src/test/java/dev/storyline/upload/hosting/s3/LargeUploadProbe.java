package dev.storyline.upload.hosting.s3;

import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.StoryMedia;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Run in a child JVM with a small heap: uploads one file through {@link S3Storage} and prints
 * {@code RESULT bytes=… millis=… peakHeapBytes=…}. Args: endpoint bucket accessKey secretKey file.
 */
public final class LargeUploadProbe {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[4]);
        UploadProperties upload = new UploadProperties(
                file.getParent().toString(),
                "s3",
                24,
                Duration.ofHours(1),
                1,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofMinutes(15),
                1);
        S3StorageProperties s3 = new S3StorageProperties(
                args[1], "us-east-1", args[0], null, args[2], args[3], Duration.ofHours(6), "large/");
        S3Storage storage = new S3Storage(s3, upload, Clock.systemUTC());
        long size = Files.size(file);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        HostedMedia hosted =
                storage.upload("default", UUID.randomUUID(), new StoryMedia(file, "video/mp4", ".mp4", size, false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        storage.destroy();
        System.out.println("RESULT bytes=" + size + " millis=" + millis + " peakHeapBytes=" + peak + " maxHeapBytes="
                + Runtime.getRuntime().maxMemory() + " key=" + hosted.publicId());
    }
}
