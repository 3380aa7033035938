package dev.storyline.upload;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class UploadWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(UploadWorkerApplication.class, args);
    }
}
