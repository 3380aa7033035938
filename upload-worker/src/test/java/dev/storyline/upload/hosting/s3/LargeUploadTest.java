package dev.storyline.upload.hosting.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 500 MB file (sparse, so it costs no disk to make) uploaded through the S3 provider in a child JVM
 * with -Xmx128m, to S3Proxy on a filesystem blob store: the upload streams, so it neither runs out of
 * heap nor comes close. Prints throughput (MB/s) and peak heap. The size can be changed with
 * -Dstoryline.large-upload.mb=… .
 */
class LargeUploadTest {

    private static final String BUCKET = "large";
    private static final String ACCESS_KEY = "large-access";
    private static final String SECRET_KEY = "large-secret-key-0123456789";

    @TempDir
    Path temp;

    @Test
    void uploads_a_500_mb_file_with_a_128_mb_heap() throws Exception {
        long megabytes = Long.getLong("storyline.large-upload.mb", 500);
        Path media = Files.createDirectories(temp.resolve("media"));
        Path file = media.resolve("big.mp4");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(megabytes * 1024 * 1024);
        }
        Properties overrides = new Properties();
        overrides.setProperty(
                "jclouds.filesystem.basedir",
                Files.createDirectories(temp.resolve("blobs")).toString());
        try (BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem")
                .overrides(overrides)
                .credentials("identity", "credential")
                .build(BlobStoreContext.class)) {
            blobs.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy s3 = S3Proxy.builder()
                    .blobStore(blobs.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            s3.start();
            try {
                while (!"STARTED".equals(s3.getState())) {
                    Thread.sleep(10);
                }
                String output = runProbe("http://127.0.0.1:" + s3.getPort(), file);
                Matcher result = Pattern.compile(
                                "RESULT bytes=(\\d+) millis=(\\d+) peakHeapBytes=(\\d+) maxHeapBytes=(\\d+) key=(\\S+)")
                        .matcher(output);
                assertThat(result.find()).as("probe output:\n" + output).isTrue();
                long bytes = Long.parseLong(result.group(1));
                long millis = Math.max(1, Long.parseLong(result.group(2)));
                long peak = Long.parseLong(result.group(3));
                double mbPerSecond = bytes / 1048576.0 / (millis / 1000.0);
                System.out.printf(
                        "LARGE UPLOAD: %d MB in %d ms = %.1f MB/s, peak heap %.1f MB of max %.1f MB%n",
                        bytes / 1048576,
                        millis,
                        mbPerSecond,
                        peak / 1048576.0,
                        Long.parseLong(result.group(4)) / 1048576.0);
                assertThat(blobs.getBlobStore()
                                .blobMetadata(BUCKET, result.group(5))
                                .getContentMetadata()
                                .getContentLength())
                        .isEqualTo(bytes);
                assertThat(peak).isLessThan(128L * 1024 * 1024);
            } finally {
                s3.stop();
            }
        }
    }

    private static String runProbe(String endpoint, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeUploadProbe.class.getName(),
                        endpoint,
                        BUCKET,
                        ACCESS_KEY,
                        SECRET_KEY,
                        file.toString())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("probe output:\n" + text).isZero();
        return text;
    }
}
