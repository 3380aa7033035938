package dev.storyline.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.StartupFailures;
import dev.storyline.upload.hosting.local.LocalStorageProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up refuses an incomplete or unsupported configuration and says which variable to set. */
class UploadConfigurationTest {

    @TempDir
    static Path mediaRoot;

    @Configuration
    @ConfigurationPropertiesScan(basePackageClasses = UploadWorkerApplication.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues(
                    "storyline.upload.media-root=" + mediaRoot,
                    "storyline.upload.storage-provider=local",
                    "storyline.upload.retention-hours=24",
                    "storyline.upload.reuse-margin=1h",
                    "storyline.upload.local.public-base-url=http://upload-worker:8081",
                    "storyline.upload.local.signing-key=" + "k".repeat(32),
                    "storyline.upload.local.link-ttl=24h",
                    "storyline.upload.local.story-copies=" + mediaRoot.resolveSibling("story-copies"));

    @Test
    void starts_with_a_complete_local_configuration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UploadProperties.class).mediaRootPath()).isEqualTo(mediaRoot.toAbsolutePath());
            assertThat(context.getBean(UploadProperties.class).concurrency()).isEqualTo(4);
            assertThat(context.getBean(LocalStorageProperties.class).publicBaseUrl())
                    .isEqualTo("http://upload-worker:8081");
        });
    }

    @Test
    void names_MEDIA_ROOT_when_it_is_missing_or_not_a_directory() {
        assertStartupFails("MEDIA_ROOT", "storyline.upload.media-root=");
        assertStartupFails(
                "MEDIA_ROOT=" + mediaRoot.resolve("nope") + " is not an existing directory",
                "storyline.upload.media-root=" + mediaRoot.resolve("nope"));
    }

    @Test
    void refuses_an_unknown_provider() {
        assertStartupFails(
                "CLOUD_STORAGE_PROVIDER must be local, cloudinary or s3", "storyline.upload.storage-provider=ftp");
    }

    @Test
    void names_the_s3_and_cloudinary_variables_when_they_are_missing() {
        assertStartupFails("AWS_S3_BUCKET", "storyline.upload.storage-provider=s3");
        assertStartupFails(
                "AWS_S3_URL_TTL must be positive and at most 7d",
                "storyline.upload.storage-provider=s3",
                "storyline.upload.s3.bucket=media",
                "storyline.upload.s3.url-ttl=8d");
        assertStartupFails(
                "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                "storyline.upload.storage-provider=s3",
                "storyline.upload.s3.bucket=media",
                "storyline.upload.s3.access-key-id=AKIA");
        assertStartupFails(
                "CLOUDINARY_CLOUD_NAME",
                "storyline.upload.storage-provider=cloudinary",
                "storyline.upload.cloudinary.api-key=k",
                "storyline.upload.cloudinary.api-secret=s");
        assertStartupFails(
                "CLOUDINARY_API_SECRET",
                "storyline.upload.storage-provider=cloudinary",
                "storyline.upload.cloudinary.cloud-name=c",
                "storyline.upload.cloudinary.api-key=k");
    }

    @Test
    void starts_with_a_complete_s3_configuration_and_uses_path_style_for_a_custom_endpoint() {
        runner.withPropertyValues(
                        "storyline.upload.storage-provider=s3",
                        "storyline.upload.s3.bucket=media",
                        "storyline.upload.s3.endpoint=http://minio:9000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(dev.storyline.upload.hosting.s3.S3StorageProperties.class)
                                    .effectivePathStyle())
                            .isTrue();
                });
    }

    @Test
    void refuses_a_zero_retry_or_lease_setting() {
        assertStartupFails("UPLOAD_RETRY_MAX_ATTEMPTS must be at least 1", "storyline.upload.retry-max-attempts=0");
        assertStartupFails("UPLOAD_LEASE must be a positive duration", "storyline.upload.lease=0s");
        assertStartupFails("UPLOAD_CONCURRENCY must be 1..32", "storyline.upload.concurrency=0");
        assertStartupFails("UPLOAD_CONCURRENCY must be 1..32", "storyline.upload.concurrency=33");
    }

    @Test
    void names_the_local_storage_variables_when_they_are_missing() {
        assertStartupFails("LOCAL_STORAGE_PUBLIC_BASE_URL", "storyline.upload.local.public-base-url=");
        assertStartupFails(
                "LOCAL_STORAGE_PUBLIC_BASE_URL", "storyline.upload.local.public-base-url=upload-worker:8081");
        assertStartupFails("LOCAL_STORAGE_SIGNING_KEY", "storyline.upload.local.signing-key=");
        assertStartupFails("LOCAL_STORAGE_LINK_TTL must be positive", "storyline.upload.local.link-ttl=0s");
    }

    @Test
    void rejects_a_short_signing_key_without_printing_it() {
        String shortKey = "short-but-still-a-secret-0123";
        runner.withPropertyValues("storyline.upload.local.signing-key=" + shortKey)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .contains("LOCAL_STORAGE_SIGNING_KEY must be at least 32 characters")
                            .doesNotContain(shortKey);
                });
    }

    @Configuration
    @ConfigurationPropertiesScan(basePackageClasses = LocalStorageProperties.class)
    static class LocalPropertiesOnly {}

    @Test
    void does_not_ask_for_local_storage_settings_when_another_provider_is_chosen() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(LocalPropertiesOnly.class)
                .withPropertyValues("storyline.upload.storage-provider=s3", "storyline.upload.local.signing-key=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(LocalStorageProperties.class);
                });
    }

    private void assertStartupFails(String expectedMessage, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(expectedMessage);
        });
    }
}
