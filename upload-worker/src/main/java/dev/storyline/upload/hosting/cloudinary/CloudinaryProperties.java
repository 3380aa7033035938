package dev.storyline.upload.hosting.cloudinary;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param cloudName    CLOUDINARY_CLOUD_NAME
 * @param apiKey       CLOUDINARY_API_KEY
 * @param apiSecret    CLOUDINARY_API_SECRET; never printed
 * @param uploadPrefix CLOUDINARY_UPLOAD_PREFIX: replaces https://api.cloudinary.com (a regional API host, a test fake)
 * @param folder       CLOUDINARY_FOLDER: public ids start with this folder
 * @param timeout      CLOUDINARY_TIMEOUT: connect and response timeout of each API call
 */
@Validated
@ConditionalOnProperty(prefix = "storyline.upload", name = "storage-provider", havingValue = "cloudinary")
@ConfigurationProperties("storyline.upload.cloudinary")
public record CloudinaryProperties(
        @NotBlank(message = "set CLOUDINARY_CLOUD_NAME") String cloudName,
        @NotBlank(message = "set CLOUDINARY_API_KEY") String apiKey,
        @NotBlank(message = "set CLOUDINARY_API_SECRET") String apiSecret,
        String uploadPrefix,
        @DefaultValue("storyline") String folder,
        @DefaultValue("60s") Duration timeout) {

    public CloudinaryProperties {
        uploadPrefix = uploadPrefix == null || uploadPrefix.isBlank()
                ? null
                : uploadPrefix.strip().replaceAll("/+$", "");
        if (timeout == null || timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("CLOUDINARY_TIMEOUT must be at least 1s");
        }
    }

    @Override
    public String toString() {
        return "CloudinaryProperties[cloudName=" + cloudName + ", apiKey=" + apiKey
                + ", apiSecret=(hidden), uploadPrefix=" + uploadPrefix + ", folder=" + folder + ", timeout=" + timeout
                + "]";
    }
}
