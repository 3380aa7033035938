package dev.storyline.token;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TokenWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TokenWorkerApplication.class, args);
    }
}
