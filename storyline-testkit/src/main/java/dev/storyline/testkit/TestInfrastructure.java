package dev.storyline.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The one switch between real servers, needing no set-up on a machine that has either kind:
 * <ol>
 *   <li>{@code STORYLINE_TEST_JDBC_URL} and {@code STORYLINE_TEST_AMQP_URI} set: those servers;</li>
 *   <li>otherwise a PostgreSQL on 127.0.0.1:5432 that lets {@code postgres} in without a password and a
 *       RabbitMQ on 127.0.0.1:5672 (guest/guest) with its management API on :15672, if both answer;</li>
 *   <li>otherwise Testcontainers starts both once per JVM, if a Docker engine runs;</li>
 *   <li>otherwise every test fails at once with one message saying what to install or set.</li>
 * </ol>
 * Either way each test class gets its own database and its own RabbitMQ vhost. Their names carry their
 * creation time; each test JVM removes the ones older than {@link #STALE_AFTER} when it starts. (Dropping
 * them at JVM exit raced with the Spring contexts still shutting down against them.)
 */
public final class TestInfrastructure {

    public static final String JDBC_URL_ENV = "STORYLINE_TEST_JDBC_URL";
    public static final String AMQP_URI_ENV = "STORYLINE_TEST_AMQP_URI";
    public static final String MANAGEMENT_URL_ENV = "STORYLINE_TEST_RABBITMQ_MANAGEMENT_URL";

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]*)(\\?.*)?");
    private static final Pattern ISOLATED_NAME = Pattern.compile("sl_(\\d{10})_.*");
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(3);
    private static volatile TestInfrastructure instance;
    private static String unavailable;

    private final String adminJdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final URI amqp;
    private final RabbitManagement management;
    private final BrokerControl broker;

    /** Runs rabbitmqctl against the broker the tests use: on this machine, or inside its container. */
    @FunctionalInterface
    interface BrokerControl {
        void rabbitmqctl(String... args) throws Exception;
    }

    private TestInfrastructure(String adminJdbcUrl, URI amqp, URI managementUrl, BrokerControl broker) {
        this.broker = broker;
        this.adminJdbcUrl = adminJdbcUrl;
        Map<String, String> query = queryOf(adminJdbcUrl);
        this.dbUser = query.getOrDefault("user", "postgres");
        this.dbPassword = query.getOrDefault("password", "");
        this.amqp = amqp;
        this.management = new RabbitManagement(managementUrl, amqpUser(amqp), amqpPassword(amqp));
        removeStale();
    }

    /** Databases and vhosts of test runs long finished (or killed) go; those of a running run stay. */
    private void removeStale() {
        long cutoff = java.time.Instant.now().minus(STALE_AFTER).getEpochSecond();
        java.util.function.Predicate<String> stale = name -> {
            Matcher m = ISOLATED_NAME.matcher(name);
            return m.matches() && Long.parseLong(m.group(1)) < cutoff;
        };
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl);
                Statement statement = connection.createStatement();
                java.sql.ResultSet rs =
                        statement.executeQuery("select datname from pg_database where datname like 'sl\\_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            names.stream()
                    .filter(stale)
                    .forEach(name -> quietly(() -> execute("drop database if exists " + name + " with (force)")));
        } catch (SQLException e) {
            // housekeeping only: a failure here must not fail the tests
        }
        quietly(() -> management.vhostNames().stream()
                .filter(stale)
                .forEach(name -> quietly(() -> management.deleteVhost(name))));
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (unavailable != null) {
                    throw new IllegalStateException(unavailable);
                }
                if (instance == null) {
                    try {
                        instance = create();
                    } catch (ServerChoice.NoServersException e) {
                        // Every later test class fails with the same message at once instead of probing again.
                        unavailable = e.getMessage();
                        throw e;
                    }
                }
            }
        }
        return instance;
    }

    private static TestInfrastructure create() {
        Servers servers = ServerChoice.choose(System::getenv, ServerChoice.Probe.REAL);
        if (servers == null) {
            return fromTestcontainers();
        }
        return new TestInfrastructure(
                servers.jdbcUrl(), servers.amqp(), servers.management(), TestInfrastructure::localRabbitmqctl);
    }

    /** PostgreSQL (admin JDBC URL) and RabbitMQ (AMQP URI, management API) the tests run against. */
    record Servers(String jdbcUrl, URI amqp, URI management) {}

    @SuppressWarnings("resource")
    private static TestInfrastructure fromTestcontainers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-management");
        postgres.start();
        rabbit.start();
        String jdbc = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/"
                + postgres.getDatabaseName() + "?user=" + postgres.getUsername() + "&password="
                + postgres.getPassword();
        URI amqp = URI.create("amqp://" + rabbit.getAdminUsername() + ":" + rabbit.getAdminPassword() + "@"
                + rabbit.getHost() + ":" + rabbit.getAmqpPort());
        return new TestInfrastructure(jdbc, amqp, URI.create(rabbit.getHttpUrl()), args -> {
            String[] command = new String[args.length + 1];
            command[0] = "rabbitmqctl";
            System.arraycopy(args, 0, command, 1, args.length);
            org.testcontainers.containers.Container.ExecResult result = rabbit.execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(
                        "rabbitmqctl " + String.join(" ", args) + " failed: " + result.getStderr());
            }
        });
    }

    private static void localRabbitmqctl(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("rabbitmqctl"));
        command.addAll(java.util.List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    "rabbitmqctl is not on the PATH: the broker-restart test needs it next to the local "
                            + "RabbitMQ (or unset " + AMQP_URI_ENV + " to use Testcontainers)",
                    e);
        }
        // Bounded: a wedged CLI must fail the test, not hang the build.
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " did not finish within 90 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
        }
    }

    /**
     * Stops and starts the broker application (every connection drops; durable queues and their
     * messages survive), as a broker restart does. Waits until it accepts connections again.
     */
    public void restartBroker(java.time.Duration down) {
        try {
            broker.rabbitmqctl("stop_app");
            Thread.sleep(down.toMillis());
            broker.rabbitmqctl("start_app");
            broker.rabbitmqctl("await_startup");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the broker: " + e.getMessage(), e);
        }
    }

    /** A fresh database and vhost for one test class (or one system test run). */
    public Isolated isolate(String label) {
        return isolate(label, true);
    }

    /**
     * A fresh database only, for a service that takes no part in the event flow (web-console): no vhost is
     * created, so its tests neither wait on nor load the broker. Its Spring properties carry no broker settings.
     */
    public Isolated isolateDatabase(String label) {
        return isolate(label, false);
    }

    private Isolated isolate(String label, boolean withVhost) {
        String cleanLabel = label.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
        if (cleanLabel.length() > 36) {
            cleanLabel = cleanLabel.substring(0, 36);
        }
        String name = "sl_" + java.time.Instant.now().getEpochSecond() + "_" + cleanLabel + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        String database = name;
        execute("create database " + database);
        String vhost = null;
        if (withVhost) {
            management.createVhost(name);
            vhost = name;
        }
        Matcher m = JDBC_URL.matcher(adminJdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException(JDBC_URL_ENV + " is not a jdbc:postgresql URL: " + adminJdbcUrl);
        }
        String jdbcUrl = "jdbc:postgresql://" + m.group(1) + "/" + database;
        return new Isolated(
                jdbcUrl,
                dbUser,
                dbPassword,
                amqp.getHost(),
                amqp.getPort() < 0 ? 5672 : amqp.getPort(),
                amqpUser(amqp),
                amqpPassword(amqp),
                vhost,
                management);
    }

    /**
     * Drops a finished test's database and vhost. Every vhost holds a dozen quorum queues; letting
     * them pile up over a run made the broker slow to create the next one (it once hung CI), so
     * each is released as soon as its test class is done. Best effort: housekeeping never fails a test.
     */
    public void release(Isolated isolated) {
        if (isolated.vhost() != null) {
            quietly(() -> management.deleteVhost(isolated.vhost()));
        }
        String database = isolated.jdbcUrl().substring(isolated.jdbcUrl().lastIndexOf('/') + 1);
        if (ISOLATED_NAME.matcher(database).matches()) {
            quietly(() -> execute("drop database if exists " + database + " with (force)"));
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test infrastructure: '" + sql + "' failed on " + adminJdbcUrl, e);
        }
    }

    private static Map<String, String> queryOf(String jdbcUrl) {
        Map<String, String> result = new LinkedHashMap<>();
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return result;
        }
        for (String pair : jdbcUrl.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static String amqpUser(URI uri) {
        String info = uri.getUserInfo();
        return info == null ? "guest" : URLDecoder.decode(info.split(":", 2)[0], StandardCharsets.UTF_8);
    }

    private static String amqpPassword(URI uri) {
        String info = uri.getUserInfo();
        return info == null || !info.contains(":")
                ? "guest"
                : URLDecoder.decode(info.split(":", 2)[1], StandardCharsets.UTF_8);
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException ignored) {
            // best effort at JVM exit
        }
    }
}
