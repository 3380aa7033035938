package dev.storyline.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.testcontainers.DockerClientFactory;

/**
 * Which PostgreSQL and RabbitMQ the tests use when nobody said: the variables first, then servers on
 * this machine at their default ports and credentials, then Testcontainers. Every probe is bounded
 * by a few seconds, so a machine with neither fails fast with one message instead of hanging.
 */
final class ServerChoice {

    static final String LOCAL_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final URI LOCAL_AMQP = URI.create("amqp://guest:guest@127.0.0.1:5672");
    static final URI LOCAL_MANAGEMENT = URI.create("http://127.0.0.1:15672");
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** No servers for the tests; the message says what to install or set. */
    static final class NoServersException extends IllegalStateException {
        NoServersException(String message) {
            super(message);
        }
    }

    /** Looks at the machine; each answer is null when the server is usable, else what is wrong. */
    interface Probe {
        String postgres(String jdbcUrl);

        String rabbit(URI amqp, URI management);

        boolean docker();

        Probe REAL = new Probe() {
            @Override
            public String postgres(String jdbcUrl) {
                return probePostgres(jdbcUrl);
            }

            @Override
            public String rabbit(URI amqp, URI management) {
                return probeRabbit(amqp, management);
            }

            @Override
            public boolean docker() {
                try {
                    return DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    return false;
                }
            }
        };
    }

    private ServerChoice() {}

    /**
     * @return the servers to use, or null for Testcontainers
     * @throws NoServersException when there are none, or the variables are half set
     */
    static TestInfrastructure.Servers choose(UnaryOperator<String> env, Probe probe) {
        String jdbc = blankToNull(env.apply(TestInfrastructure.JDBC_URL_ENV));
        String amqp = blankToNull(env.apply(TestInfrastructure.AMQP_URI_ENV));
        String management = blankToNull(env.apply(TestInfrastructure.MANAGEMENT_URL_ENV));
        if (jdbc != null && amqp != null) {
            URI amqpUri = URI.create(amqp);
            return new TestInfrastructure.Servers(
                    jdbc,
                    amqpUri,
                    URI.create(management != null ? management : "http://" + amqpUri.getHost() + ":15672"));
        }
        if (jdbc != null || amqp != null) {
            throw new NoServersException("Only "
                    + (jdbc != null ? TestInfrastructure.JDBC_URL_ENV : TestInfrastructure.AMQP_URI_ENV)
                    + " is set: set both " + TestInfrastructure.JDBC_URL_ENV + " and " + TestInfrastructure.AMQP_URI_ENV
                    + ", or neither (then the tests use local servers or Docker by themselves).");
        }
        URI localManagement = management != null ? URI.create(management) : LOCAL_MANAGEMENT;
        String postgresProblem = probe.postgres(LOCAL_JDBC_URL);
        String rabbitProblem = probe.rabbit(LOCAL_AMQP, localManagement);
        if (postgresProblem == null && rabbitProblem == null) {
            return new TestInfrastructure.Servers(LOCAL_JDBC_URL, LOCAL_AMQP, localManagement);
        }
        if (probe.docker()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (postgresProblem != null) {
            problems.add(postgresProblem);
        }
        if (rabbitProblem != null) {
            problems.add(rabbitProblem);
        }
        throw new NoServersException("The tests need PostgreSQL and RabbitMQ, and found neither local servers ("
                + String.join("; ", problems) + ") nor a Docker engine for Testcontainers. Do one of: "
                + "(1) run PostgreSQL on 127.0.0.1:5432 letting user postgres in without a password (trust) and RabbitMQ on "
                + "127.0.0.1:5672 (guest/guest) with the management plugin on :15672 (on Debian: apt-get install postgresql "
                + "rabbitmq-server && rabbitmq-plugins enable rabbitmq_management); "
                + "(2) start a Docker engine; "
                + "(3) point the tests at your servers: " + TestInfrastructure.JDBC_URL_ENV
                + "='jdbc:postgresql://HOST:5432/postgres?user=U&password=P' " + TestInfrastructure.AMQP_URI_ENV
                + "='amqp://U:P@HOST:5672' (and " + TestInfrastructure.MANAGEMENT_URL_ENV
                + " if the management API is not on HOST:15672).");
    }

    static String probePostgres(String jdbcUrl) {
        int seconds = (int) PROBE_TIMEOUT.toSeconds();
        String bounded = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=" + seconds + "&loginTimeout="
                + seconds + "&socketTimeout=" + seconds;
        try (Connection connection = DriverManager.getConnection(bounded)) {
            connection.createStatement().execute("select 1");
            return null;
        } catch (SQLException e) {
            return "PostgreSQL " + hostAndPort(jdbcUrl) + ": " + firstLine(e.getMessage());
        }
    }

    static String probeRabbit(URI amqp, URI management) {
        String host = amqp.getHost();
        int port = amqp.getPort() < 0 ? 5672 : amqp.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
        } catch (IOException e) {
            return "RabbitMQ " + host + ":" + port + ": " + firstLine(e.getMessage());
        }
        String userInfo = amqp.getUserInfo() == null ? "guest:guest" : amqp.getUserInfo();
        HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(management.resolve("/api/overview"))
                .timeout(PROBE_TIMEOUT)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200
                    ? null
                    : "RabbitMQ management API " + management + " answered " + status + " for "
                            + userInfo.split(":", 2)[0];
        } catch (IOException e) {
            return "RabbitMQ management API " + management + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()))
                    + " (rabbitmq-plugins enable rabbitmq_management)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing RabbitMQ";
        }
    }

    private static String hostAndPort(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no answer";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
