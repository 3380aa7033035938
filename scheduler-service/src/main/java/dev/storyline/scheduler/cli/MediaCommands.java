package dev.storyline.scheduler.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The media library: index now, list, reject and unlock an item, scan errors, categories. */
final class MediaCommands {

    private MediaCommands() {}

    @Command(
            name = "index",
            description = "Index the account's media folder now (it also syncs every 10 min).",
            footerHeading = "%nExample:%n",
            footer = "  storyline index")
    static class Index extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("POST", cli.accountPath("/media/index"), null);
        }

        String human(Object answer) {
            Map<?, ?> r = (Map<?, ?>) answer;
            StringBuilder out = new StringBuilder()
                    .append("indexed ")
                    .append(r.get("accountId"))
                    .append(": ")
                    .append(r.get("filesSeen"))
                    .append(" files, ")
                    .append(r.get("indexed"))
                    .append(" indexed, ")
                    .append(r.get("invalid"))
                    .append(" invalid, ")
                    .append(r.get("deactivated"))
                    .append(" gone from disk");
            if (r.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
                out.append(", ")
                        .append(errors.size())
                        .append(" not indexed:\n")
                        .append(new Table()
                                .column("PATH", "path")
                                .column("WHY", "error")
                                .render(errors));
            }
            return out.toString();
        }
    }

    @Command(
            name = "media",
            description = {
                "List the library (paged), optionally only a category, invalid, locked or rejected items.",
                "  media reject ID: never pick an item again; media unlock ID: make it pickable again."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  storyline media --invalid",
                "  storyline media --category memes --limit 20 --offset 20",
                "  storyline media reject 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10 --reason \"off-brand\""
            },
            subcommands = {Reject.class, Unlock.class})
    static class Media extends StorylineCli.Paged {
        @Option(names = "--category")
        String category;

        @Option(names = "--invalid", description = "only what cannot be posted, with the reason")
        boolean invalid;

        @Option(names = "--locked", description = "only media locked against reposting (rejected ones too)")
        boolean locked;

        @Option(names = "--rejected", description = "only media rejected for good")
        boolean rejected;

        Media() {
            super(100);
        }

        Object ask(StorylineCli cli) {
            StringBuilder query = new StringBuilder(page("?active=true"));
            if (category != null) {
                query.append("&category=").append(URLEncoder.encode(category, StandardCharsets.UTF_8));
            }
            if (invalid) {
                query.append("&valid=false");
            }
            if (locked) {
                query.append("&locked=true");
            }
            if (rejected) {
                query.append("&rejected=true");
            }
            return cli.call("GET", cli.accountPath("/media" + query), null);
        }

        String human(Object answer) {
            Table table = new Table()
                    .column("ID", "id")
                    .column("PATH", "path")
                    .column("CATEGORY", "category")
                    .column("TYPE", "mimeType")
                    .column("VALID", r -> Table.yesNo(r.get("valid")))
                    .column("LOCKED", MediaCommands::lockState);
            if (invalid) {
                table.column("WHY NOT", "validationErrors");
            }
            return table.render(answer) + more(answer, "media");
        }
    }

    /** "rejected", "until 2026-06-01 09:30:00" or "no". */
    static String lockState(Map<String, Object> item) {
        if (Boolean.TRUE.equals(item.get("rejected"))) {
            return "rejected";
        }
        return Boolean.TRUE.equals(item.get("locked")) ? "until " + Table.when(item.get("lockedUntil")) : "no";
    }

    /** A lock change on one library item, named first; the answer is the item and the post carrying it, if any. */
    abstract static class OnItem extends StorylineCli.Sub {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                converter = Converters.MediaId.class,
                description = "the item's id (storyline media shows it)")
        UUID media;

        Object post(StorylineCli cli, String action, Map<String, ?> body) {
            return cli.call("POST", cli.accountPath("/media/" + media + "/" + action), body);
        }

        static Map<?, ?> item(Object answer) {
            return (Map<?, ?>) ((Map<?, ?>) answer).get("media");
        }

        static String inFlight(Object answer) {
            Object post = ((Map<?, ?>) answer).get("inFlightPostId");
            return post == null ? "" : "\nnote: post " + post + " already carries it and goes on as it is";
        }
    }

    @Command(
            name = "reject",
            description = {
                "Never pick this item again (as a Telegram Reject does); rejecting it twice changes nothing.",
                "  A post already carrying it goes on; undo with storyline media unlock."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline media reject 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10 --reason \"off-brand\"")
    static class Reject extends OnItem {
        @Option(names = "--reason", description = "why, at most 500 characters (optional)")
        String reason;

        @Option(names = "--by", defaultValue = "${env:USER:-operator}", description = "who rejects (default: $USER)")
        String by;

        Object ask(StorylineCli cli) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("by", by);
            if (reason != null) {
                body.put("reason", reason);
            }
            return post(cli, "reject", body);
        }

        String human(Object answer) {
            Map<?, ?> item = item(answer);
            String out = "rejected " + item.get("path") + ": it will not be picked again"
                    + (item.get("rejectedBy") == null ? "" : " (rejected by " + item.get("rejectedBy") + ")");
            return out + inFlight(answer) + "\nundo: storyline media unlock " + media;
        }
    }

    @Command(
            name = "unlock",
            description = {
                "Lift every lock of this item (the cool-down after a post or skip, a rejection) so it can be"
                        + " picked again; unlocking it twice changes nothing."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline media unlock 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10")
    static class Unlock extends OnItem {
        @Option(names = "--by", defaultValue = "${env:USER:-operator}", description = "who unlocks (default: $USER)")
        String by;

        Object ask(StorylineCli cli) {
            return post(cli, "unlock", Map.of("by", by));
        }

        String human(Object answer) {
            return "unlocked " + item(answer).get("path") + ": it can be picked again" + inFlight(answer);
        }
    }

    @Command(
            name = "scan-errors",
            description = "Files the last index could not read (paged).",
            footerHeading = "%nExample:%n",
            footer = "  storyline scan-errors")
    static class ScanErrors extends StorylineCli.Paged {
        ScanErrors() {
            super(100);
        }

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath(page("/media/errors")), null);
        }

        String human(Object answer) {
            return new Table().column("PATH", "path").column("WHY", "error").render(answer)
                    + more(answer, "scan-errors");
        }
    }

    @Command(
            name = "categories",
            description = "The categories (sub-folders) of the account's library.",
            footerHeading = "%nExample:%n",
            footer = "  storyline categories")
    static class Categories extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/categories"), null);
        }

        String human(Object answer) {
            List<?> list = (List<?>) answer;
            return list.isEmpty()
                    ? "no categories yet (index the folder: storyline index)"
                    : String.join("\n", list.stream().map(String::valueOf).toList());
        }
    }
}
