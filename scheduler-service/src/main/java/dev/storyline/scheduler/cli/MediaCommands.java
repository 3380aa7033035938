package dev.storyline.scheduler.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The media library: index now, list, scan errors, categories. */
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
            description = "List the library (paged), optionally only a category, invalid or locked items.",
            footerHeading = "%nExamples:%n",
            footer = {"  storyline media --invalid", "  storyline media --category memes --limit 20 --offset 20"})
    static class Media extends StorylineCli.Sub {
        @Option(names = "--category")
        String category;

        @Option(names = "--invalid", description = "only what cannot be posted, with the reason")
        boolean invalid;

        @Option(names = "--locked", description = "only media locked against reposting")
        boolean locked;

        @Option(names = "--limit", defaultValue = "100", description = "1..500 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many")
        int offset;

        Object ask(StorylineCli cli) {
            StringBuilder query = new StringBuilder("?active=true&limit=" + limit + "&offset=" + offset);
            if (category != null) {
                query.append("&category=").append(URLEncoder.encode(category, StandardCharsets.UTF_8));
            }
            if (invalid) {
                query.append("&valid=false");
            }
            if (locked) {
                query.append("&locked=true");
            }
            return cli.call("GET", cli.accountPath("/media" + query), null);
        }

        String human(Object answer) {
            Table table = new Table()
                    .column("PATH", "path")
                    .column("CATEGORY", "category")
                    .column("TYPE", "mimeType")
                    .column("VALID", r -> Table.yesNo(r.get("valid")))
                    .column("LOCKED", r -> Table.yesNo(r.get("locked")));
            if (invalid) {
                table.column("WHY NOT", "validationErrors");
            }
            return table.render(answer) + StorylineCli.more(answer, limit, offset, "media");
        }
    }

    @Command(
            name = "scan-errors",
            description = "Files the last index could not read (paged).",
            footerHeading = "%nExample:%n",
            footer = "  storyline scan-errors")
    static class ScanErrors extends StorylineCli.Sub {
        @Option(names = "--limit", defaultValue = "100", description = "1..500 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many")
        int offset;

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/media/errors?limit=" + limit + "&offset=" + offset), null);
        }

        String human(Object answer) {
            return new Table().column("PATH", "path").column("WHY", "error").render(answer)
                    + StorylineCli.more(answer, limit, offset, "scan-errors");
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
