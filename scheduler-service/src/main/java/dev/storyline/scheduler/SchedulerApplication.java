package dev.storyline.scheduler;

import dev.storyline.scheduler.cli.StorylineCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cli")) {
            // the operators' CLI shares this jar but not the server: no Spring context, no database
            System.exit(StorylineCli.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(SchedulerApplication.class, args);
    }
}
