package dev.storyline.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code storyline users add|list} against the web console's users API faked at the wire: what is sent (never a
 * password from the command line), what is printed, and the refusals an operator can act on.
 */
class UserCommandsTest {

    private static final String TOKEN = "console-admin-token";

    private record Seen(String method, String path, String authorization, String body) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer console;
    private volatile int status = 201;
    private volatile String answer;

    private record Result(int exit, String out, String err) {}

    @BeforeEach
    void fakeConsole() throws IOException {
        console = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        console.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        console.start();
    }

    @AfterEach
    void stop() {
        console.stop(0);
    }

    private Result cli(String stdin, String... args) {
        InputStream in = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            String[] full = new String[args.length + 1];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] =
                    "--console-url=http://127.0.0.1:" + console.getAddress().getPort();
            int exit = StorylineCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), TOKEN)
                    .execute(full);
            return new Result(exit, out.toString(), err.toString());
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void adds_a_member_of_accounts_and_prints_the_generated_password_once() {
        answer = "{\"email\":\"ann@brand-a.com\",\"role\":\"member\",\"enabled\":true,"
                + "\"accounts\":{\"brand-a\":\"admin\",\"brand-b\":\"member\"},\"generatedPassword\":\"Gen3ratedPassw0rdXyz\"}";
        Result result = cli(
                "",
                "users",
                "add",
                "ann@brand-a.com",
                "--role",
                "member",
                "--grant",
                "brand-a:admin",
                "--grant",
                "brand-b:member");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("added ann@brand-a.com (admin of brand-a, member of brand-b)")
                .contains("password (shown once, hand it over now): Gen3ratedPassw0rdXyz");
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/api/users");
            assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(s.body())
                    .contains("\"email\":\"ann@brand-a.com\"")
                    .contains("\"role\":\"member\"")
                    .contains("\"brand-a\":\"admin\"")
                    .contains("\"brand-b\":\"member\"")
                    .doesNotContain("password");
        });
    }

    @Test
    void reads_the_password_from_stdin_only_when_asked() {
        answer = "{\"email\":\"ops@example.com\",\"role\":\"admin\",\"enabled\":true,\"accounts\":{}}";
        Result result = cli(
                "a-password-from-stdin\n", "users", "add", "ops@example.com", "--role", "admin", "--password-stdin");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("added ops@example.com (installation admin)")
                .doesNotContain("password");
        assertThat(seen.getFirst().body()).contains("\"password\":\"a-password-from-stdin\"");
        assertThat(cli("", "users", "add", "ops@example.com", "--role", "admin", "--password", "x")
                        .exit())
                .as("no password option")
                .isNotZero();
        Result empty = cli("", "users", "add", "ops@example.com", "--role", "admin", "--password-stdin");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("--password-stdin: stdin held no password");
    }

    @Test
    void refuses_a_malformed_account_role_before_calling_and_shows_the_consoles_refusal() {
        answer = "{}";
        for (String bad : List.of("brand-a", "Brand-A:admin", "brand-a:owner", ":admin")) {
            Result result = cli("", "users", "add", "a@b.co", "--role", "member", "--grant", bad);
            assertThat(result.exit()).as(bad).isEqualTo(2);
            assertThat(result.err()).as(bad).contains("--grant '" + bad + "': give ACCOUNT:ROLE");
        }
        assertThat(seen).isEmpty();
        status = 400;
        answer = "{\"error\":\"email: Enter an email address like ann@example.com (at most 254 characters).\","
                + "\"fields\":{\"email\":\"Enter an email address like ann@example.com (at most 254 characters).\"}}";
        Result refused = cli("", "users", "add", "nope", "--role", "member");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("email: Enter an email address like ann@example.com")
                .contains("(400)");
    }

    @Test
    void lists_users_and_names_the_console_when_nothing_answers() {
        status = 200;
        answer = "[{\"email\":\"admin@example.com\",\"role\":\"admin\",\"enabled\":true,\"accounts\":{}},"
                + "{\"email\":\"mia@example.com\",\"role\":\"member\",\"enabled\":false,\"accounts\":{\"default\":\"member\"}}]";
        Result list = cli("", "users", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("admin@example.com")
                .contains("installation admin")
                .contains("mia@example.com")
                .contains("member of default")
                .contains("disabled");
        console.stop(0);
        Result down = cli("", "users", "list");
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).contains("cannot reach the web console at").contains("CONSOLE_URL");
    }
}
