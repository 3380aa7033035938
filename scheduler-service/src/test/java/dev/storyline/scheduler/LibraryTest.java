package dev.storyline.scheduler;

import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.schedule.Dispatcher;
import dev.storyline.testkit.EventTap;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the scheduler tests of indexing, dispatch, routing and outcomes share: a media folder emptied
 * before each test, the default account's slots through {@link MediaLibrary}, and a tap to send events
 * as the workers would. Subclasses carry {@link SchedulerTest} with the settings they post with.
 */
public abstract class LibraryTest {

    protected static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MediaIndexer indexer;

    @Autowired
    protected Accounts accounts;

    @Autowired
    protected Dispatcher dispatcher;

    @Autowired
    protected RabbitTemplate rabbit;

    protected MediaLibrary library;
    protected EventTap tap;

    @BeforeEach
    void cleanSlate() throws IOException {
        library = new MediaLibrary(MEDIA_ROOT, jdbc, indexer, accounts);
        library.cleanSlate();
        tap = EventTap.on(rabbit);
    }

    @AfterEach
    void closeTap() {
        tap.close();
    }
}
