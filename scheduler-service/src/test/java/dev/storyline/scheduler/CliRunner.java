package dev.storyline.scheduler;

import dev.storyline.scheduler.cli.StorylineCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the storyline CLI in the test's JVM against a scheduler, with what it printed and its exit code. */
public final class CliRunner {

    public record Result(int exit, String out, String err) {}

    private CliRunner() {}

    /** The CLI against the scheduler on this local port, with the admin token the API tests start it with. */
    public static Result run(int port, String... args) {
        return run("http://127.0.0.1:" + port, AdminApi.TOKEN, args);
    }

    /** {@code token} is the admin token as the environment would give it (null: unset). */
    public static Result run(String url, String token, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            String[] full = new String[args.length + 1];
            full[0] = "--url=" + url;
            System.arraycopy(args, 0, full, 1, args.length);
            int exit = StorylineCli.run(token, full);
            return new Result(exit, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
