package dev.storyline.scheduler.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Dead-letter queues: list, show, replay, purge. A queue is named as {@code dlq list} prints it, or by its work queue. */
final class DlqCommands {

    private DlqCommands() {}

    @Command(
            name = "dlq",
            description = "Dead-letter queues: list, show, replay, purge.",
            subcommands = {DlqList.class, DlqShow.class, DlqReplay.class, DlqPurge.class},
            footerHeading = "%nExamples:%n",
            footer = {
                "  storyline dlq list",
                "  storyline dlq show scheduler.outcomes.dlq 7d0c…",
                "  storyline dlq replay scheduler.outcomes.dlq --id 7d0c…"
            })
    static class Dlq extends StorylineCli.Group {}

    private static String age(long seconds) {
        return seconds < 120
                ? seconds + " s"
                : seconds < 7200
                        ? seconds / 60 + " min"
                        : seconds < 172800 ? seconds / 3600 + " h" : seconds / 86400 + " d";
    }

    /** A command on one queue, named first. */
    abstract static class OnQueue extends StorylineCli.Sub {
        @Parameters(index = "0", description = "queue, as dlq list prints it")
        String queue;

        String path() {
            return "/api/dlq/" + queue;
        }
    }

    @Command(
            name = "list",
            description = "Dead letters with queue, reason, event type, post and age (optionally of one queue).",
            footerHeading = "%nExample:%n",
            footer = "  storyline dlq list scheduler.outcomes.dlq")
    static class DlqList extends StorylineCli.Sub {
        @Parameters(index = "0", arity = "0..1", description = "a queue, e.g. upload.requests.dlq")
        String queue;

        Object ask(StorylineCli cli) {
            Object depths = cli.call("GET", "/api/dlq/depths", null);
            Object entries = cli.call("GET", "/api/dlq" + (queue == null ? "" : "?queue=" + queue), null);
            return Map.of("depths", depths, "messages", entries);
        }

        String human(Object answer) {
            Map<?, ?> r = (Map<?, ?>) answer;
            String depths = new Table()
                    .column("QUEUE", "queue")
                    .column("MESSAGES", "messages")
                    .render(r.get("depths"));
            List<?> messages = (List<?>) r.get("messages");
            return depths + "\n\n"
                    + (messages.isEmpty()
                            ? "no dead letters"
                            : new Table()
                                    .column("QUEUE", "queue")
                                    .column("ID", "messageId")
                                    .column("TYPE", "type")
                                    .column("REASON", "reason")
                                    .column("POST", "postId")
                                    .column(
                                            "AGE",
                                            m -> m.get("ageSeconds") instanceof Number n ? age(n.longValue()) : "-")
                                    .column("ERROR", "error")
                                    .render(messages));
        }
    }

    @Command(
            name = "show",
            description = "One dead letter with its headers and body.",
            footerHeading = "%nExample:%n",
            footer = "  storyline dlq show scheduler.outcomes.dlq 7d0c2f8e-…")
    static class DlqShow extends OnQueue {
        @Parameters(index = "1", description = "message id (the event id)")
        String messageId;

        Object ask(StorylineCli cli) {
            return cli.call("GET", path() + "/" + messageId, null);
        }

        String human(Object answer) {
            StringBuilder out = new StringBuilder();
            ((Map<?, ?>) answer).forEach((k, v) -> out.append(String.format("%-14s %s%n", k, v)));
            return out.toString().stripTrailing();
        }
    }

    @Command(
            name = "replay",
            description =
                    "Send dead letters back to the queue they came from (one with --id, or all that were there when the "
                            + "replay began); prints how many were replayed, returned by the broker (left in the DLQ), failed again and left.",
            footerHeading = "%nExample:%n",
            footer = "  storyline dlq replay upload.requests.dlq --id 7d0c2f8e-…")
    static class DlqReplay extends OnQueue {
        @Option(names = "--id", description = "message id; all when omitted")
        String messageId;

        Object ask(StorylineCli cli) {
            return cli.call("POST", path() + "/replay" + (messageId == null ? "" : "?messageId=" + messageId), null);
        }

        String human(Object answer) {
            Map<?, ?> report = (Map<?, ?>) answer;
            return "replayed " + report.get("replayed") + " message(s) from " + queue
                    + "; returned by the broker (still in the DLQ): " + report.get("returned") + "; failed again: "
                    + report.get("stillFailing") + "; left: " + report.get("left");
        }
    }

    @Command(
            name = "purge",
            description = "Delete every dead letter of a queue for good (asks for confirmation).",
            footerHeading = "%nExample:%n",
            footer = "  storyline dlq purge upload.requests.dlq --yes")
    static class DlqPurge extends OnQueue {
        @Option(names = "--yes", description = "do not ask")
        boolean yes;

        Object ask(StorylineCli cli) {
            if (!yes) {
                java.io.Console console = System.console();
                String answer =
                        console == null ? null : console.readLine("Delete every message in %s for good? [y/N] ", queue);
                if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                    throw new AdminClient.CliException("not purged (confirm with y, or pass --yes)");
                }
            }
            return cli.call("DELETE", path() + "?confirm=true", null);
        }

        String human(Object answer) {
            return "purged " + ((Map<?, ?>) answer).get("purged") + " message(s) from " + queue;
        }
    }
}
