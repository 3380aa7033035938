package dev.storyline.scheduler.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code storyline} — the operators' command line over the scheduler's admin API. Plain picocli and
 * java.net.http, no Spring and no JSON library, so a call returns in a fraction of a second:
 * {@code bin/storyline <command>} runs the small {@code storyline-cli.jar}; the scheduler jar still
 * answers {@code java -jar scheduler-service-exec.jar cli <command>} (e.g. inside its container).
 * The commands live by feature: {@link AccountCommands}, {@link MediaCommands}, {@link ScheduleCommands},
 * {@link InsightsCommands}, {@link DlqCommands}; {@link UserCommands} talk to the web console instead.
 */
@Command(
        name = "storyline",
        mixinStandardHelpOptions = true,
        versionProvider = StorylineCli.Version.class,
        description = "Operate a Storyline installation through the scheduler's admin API.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  storyline stats",
            "  storyline --account tokyo queue      (--account also works after the command)",
            "  storyline history 20 --json          (--json for scripts)",
            "Environment: STORYLINE_URL (default http://localhost:8080), STORYLINE_ADMIN_TOKEN, STORYLINE_ACCOUNT_ID,",
            "  CONSOLE_URL (storyline users; default http://127.0.0.1:8085)."
        },
        subcommands = {
            AccountCommands.ListAccounts.class,
            AccountCommands.Show.class,
            AccountCommands.Add.class,
            AccountCommands.Change.class,
            AccountCommands.Remove.class,
            AccountCommands.Api.class,
            MediaCommands.Index.class,
            MediaCommands.Media.class,
            MediaCommands.ScanErrors.class,
            MediaCommands.Categories.class,
            ScheduleCommands.Mix.class,
            ScheduleCommands.SetMix.class,
            ScheduleCommands.MixHistory.class,
            ScheduleCommands.Schedule.class,
            ScheduleCommands.Queue.class,
            ScheduleCommands.Pause.class,
            ScheduleCommands.Resume.class,
            ScheduleCommands.PostNext.class,
            ScheduleCommands.Resolve.class,
            ScheduleCommands.Stuck.class,
            SlotCommands.Slot.class,
            InsightsCommands.Stats.class,
            InsightsCommands.History.class,
            InsightsCommands.Locks.class,
            DlqCommands.Dlq.class,
            UserCommands.Users.class
        })
public class StorylineCli {

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            description = "scheduler base URL (env STORYLINE_URL)",
            defaultValue = "${env:STORYLINE_URL:-http://localhost:8080}")
    String url;

    /** From the environment only: a command-line argument would be visible to every user in {@code ps}. */
    private final String token;

    @Option(
            names = {"-a", "--account"},
            scope = ScopeType.INHERIT,
            description = "account id (env STORYLINE_ACCOUNT_ID, default: default)",
            defaultValue = "${env:STORYLINE_ACCOUNT_ID:-default}")
    String account;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "print the API's JSON answer instead of a summary")
    boolean json;

    static final String TOKEN_VARIABLE = "STORYLINE_ADMIN_TOKEN";

    public StorylineCli() {
        this(System.getenv(TOKEN_VARIABLE));
    }

    private StorylineCli(String token) {
        this.token = token;
    }

    public static int run(String... args) {
        return run(System.getenv(TOKEN_VARIABLE), args);
    }

    /** As {@link #run(String...)}, with the admin token given as the environment would give it. */
    public static int run(String adminToken, String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), adminToken)
                .execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, String adminToken) {
        CommandLine cli = new CommandLine(new StorylineCli(adminToken));
        cli.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parse) -> {
                    cmd.getErr()
                            .println("storyline: "
                                    + (e instanceof AdminClient.CliException
                                            ? e.getMessage()
                                            : "unexpected error: " + e.getMessage()));
                    return 2;
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("storyline: " + e.getMessage());
                    cmd.getErr().println("usage: " + cmd.getHelp().synopsis(0).strip());
                    cmd.getErr().println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
                    return 2;
                });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    Object call(String method, String path, Object body) {
        String adminToken = token();
        return new AdminClient(URI.create(url), adminToken).call(method, path, body);
    }

    /** A call to the web console's bearer API (users), with the same admin token. */
    Object callConsole(String consoleUrl, String method, String path, Object body) {
        String adminToken = token();
        return new AdminClient(URI.create(consoleUrl), adminToken, AdminClient.Target.CONSOLE).call(method, path, body);
    }

    /** The admin token, checked before anything else so that its absence is the first thing said. */
    private String token() {
        if (token == null || token.isBlank()) {
            throw new AdminClient.CliException("set " + TOKEN_VARIABLE + " in the environment (the admin token; "
                    + "it is never taken from the command line)");
        }
        return token;
    }

    String accountPath(String rest) {
        return "/api/accounts/" + account + rest;
    }

    /** One subcommand: asks the API, then prints a summary, or the JSON answer with --json. */
    abstract static class Sub implements Callable<Integer> {

        @CommandLine.Spec
        CommandSpec spec;

        /** The human summary of the answer. */
        abstract String human(Object answer);

        abstract Object ask(StorylineCli cli);

        StorylineCli cli() {
            return (StorylineCli) spec.root().userObject();
        }

        @Override
        public Integer call() {
            StorylineCli cli = cli();
            Object answer = ask(cli);
            String out = cli.json ? (answer == null ? "" : Json.pretty(answer)) : human(answer);
            if (!out.isEmpty()) {
                spec.commandLine().getOut().println(out);
            }
            return 0;
        }
    }

    /** A paged list: --limit (each list has its own default), --offset, and the footer naming the next page. */
    abstract static class Paged extends Sub {

        @Option(names = "--limit", description = "1..500 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many")
        int offset;

        /** picocli shows a field's initial value as its default, and resets the field to it before each parse. */
        Paged(int defaultLimit) {
            this.limit = defaultLimit;
        }

        /** The list's path with this page's limit and offset. */
        String page(String path) {
            return path + (path.contains("?") ? "&" : "?") + "limit=" + limit + "&offset=" + offset;
        }

        String more(Object rows, String command) {
            return StorylineCli.more(rows, limit, offset, command);
        }
    }

    /** A command that only groups subcommands: on its own it prints its usage. */
    abstract static class Group implements Runnable {
        @CommandLine.Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** The build's version, from the jar manifest (a development build has none). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StorylineCli.class.getPackage().getImplementationVersion();
            return new String[] {
                "storyline " + (version == null ? "(development build)" : version) + " on Java " + Runtime.version()
            };
        }
    }

    /** The footer line "more: ... --offset N" when a page came back full. */
    static String more(Object rows, int limit, int offset, String command) {
        int n = rows instanceof java.util.List<?> l ? l.size() : 0;
        String range = n == 0 ? "none" : (offset + 1) + "-" + (offset + n);
        return "\n(" + range
                + (n == limit
                        ? "; more: storyline " + command + " --limit " + limit + " --offset " + (offset + limit)
                        : "")
                + ")";
    }
}
