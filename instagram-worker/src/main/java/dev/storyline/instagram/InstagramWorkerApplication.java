package dev.storyline.instagram;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class InstagramWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(InstagramWorkerApplication.class, args);
    }
}
