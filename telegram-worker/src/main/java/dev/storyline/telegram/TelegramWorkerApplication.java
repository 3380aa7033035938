package dev.storyline.telegram;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TelegramWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelegramWorkerApplication.class, args);
    }
}
