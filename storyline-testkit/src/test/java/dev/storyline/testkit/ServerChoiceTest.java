package dev.storyline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {

    /** A machine described by what its probes answer; null = the server is usable. */
    private record Machine(String postgres, String rabbit, boolean docker) implements ServerChoice.Probe {
        @Override
        public String postgres(String jdbcUrl) {
            return postgres;
        }

        @Override
        public String rabbit(URI amqp, URI management) {
            return rabbit;
        }
    }

    private static final ServerChoice.Probe UNTOUCHABLE = new ServerChoice.Probe() {
        @Override
        public String postgres(String jdbcUrl) {
            throw new AssertionError("probed PostgreSQL although the variables were set");
        }

        @Override
        public String rabbit(URI amqp, URI management) {
            throw new AssertionError("probed RabbitMQ although the variables were set");
        }

        @Override
        public boolean docker() {
            throw new AssertionError("probed Docker although the variables were set");
        }
    };

    @Test
    void uses_the_servers_the_variables_name_without_probing_anything() {
        Map<String, String> env = Map.of(
                TestInfrastructure.JDBC_URL_ENV, "jdbc:postgresql://db.example:6543/postgres?user=ci",
                TestInfrastructure.AMQP_URI_ENV, "amqp://ci:secret@mq.example:5673");

        TestInfrastructure.Servers servers = ServerChoice.choose(env::get, UNTOUCHABLE);

        assertThat(servers.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/postgres?user=ci");
        assertThat(servers.amqp()).isEqualTo(URI.create("amqp://ci:secret@mq.example:5673"));
        assertThat(servers.management()).isEqualTo(URI.create("http://mq.example:15672"));
    }

    @Test
    void uses_local_servers_when_nothing_is_set_and_both_answer_even_with_docker_present() {
        TestInfrastructure.Servers servers = ServerChoice.choose(name -> null, new Machine(null, null, true));

        assertThat(servers)
                .isEqualTo(new TestInfrastructure.Servers(
                        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                        URI.create("amqp://guest:guest@127.0.0.1:5672"),
                        URI.create("http://127.0.0.1:15672")));
    }

    @Test
    void falls_back_to_testcontainers_when_a_local_server_is_missing_and_docker_runs() {
        assertThat(ServerChoice.choose(
                        name -> null, new Machine(null, "RabbitMQ 127.0.0.1:5672: Connection refused", true)))
                .isNull();
    }

    @Test
    void fails_with_one_message_saying_what_to_install_or_set_when_there_is_neither() {
        assertThatThrownBy(() -> ServerChoice.choose(
                        name -> null,
                        new Machine(
                                "PostgreSQL 127.0.0.1:5432: Connection refused",
                                "RabbitMQ 127.0.0.1:5672: Connection refused",
                                false)))
                .isInstanceOf(ServerChoice.NoServersException.class)
                .hasMessageContaining("PostgreSQL 127.0.0.1:5432: Connection refused")
                .hasMessageContaining("RabbitMQ 127.0.0.1:5672: Connection refused")
                .hasMessageContaining("apt-get install postgresql rabbitmq-server")
                .hasMessageContaining("start a Docker engine")
                .hasMessageContaining(TestInfrastructure.JDBC_URL_ENV)
                .hasMessageContaining(TestInfrastructure.AMQP_URI_ENV);
    }

    @Test
    void refuses_half_of_the_variables_instead_of_guessing_the_other_half() {
        assertThatThrownBy(() -> ServerChoice.choose(
                        Map.of(TestInfrastructure.JDBC_URL_ENV, "jdbc:postgresql://127.0.0.1:5432/postgres")::get,
                        UNTOUCHABLE))
                .isInstanceOf(ServerChoice.NoServersException.class)
                .hasMessageContaining("Only " + TestInfrastructure.JDBC_URL_ENV + " is set");
    }

    @Test
    void probes_of_servers_that_are_not_there_answer_with_what_is_missing() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        String postgres =
                ServerChoice.probePostgres("jdbc:postgresql://127.0.0.1:" + closed + "/postgres?user=postgres");
        String rabbit = ServerChoice.probeRabbit(
                URI.create("amqp://guest:guest@127.0.0.1:" + closed), URI.create("http://127.0.0.1:" + closed));

        assertThat(postgres).startsWith("PostgreSQL 127.0.0.1:" + closed + ": ");
        assertThat(rabbit).startsWith("RabbitMQ 127.0.0.1:" + closed + ": ");
    }
}
