package dev.storyline.system;

import static org.assertj.core.api.Assertions.fail;

import dev.storyline.contracts.events.EventType;
import dev.storyline.contracts.messaging.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md cannot drift from the code: its package tables list exactly the packages of every
 * module's main source tree, each under its module, and it names every event type and work queue.
 *
 * <p>A package is a directory of {@code <module>/src/main/java} that holds at least one {@code .java} file.
 * In the document, a package is a table row whose first cell is the package name in backticks
 * ({@code | `dev.storyline.upload.media` | ... |}), and its module is the nearest {@code ### <module>}
 * heading above it.
 */
class ArchitectureDocumentTest {

    private static final String DOCUMENT = "docs/ARCHITECTURE.md";
    private static final Pattern MODULE_HEADING = Pattern.compile("^###\\s+`?([A-Za-z0-9._-]+)`?.*$");
    private static final Pattern PACKAGE_ROW =
            Pattern.compile("^\\|\\s*`(dev\\.storyline(?:\\.[A-Za-z0-9_]+)*)`\\s*\\|.*$");

    private static Path root;
    private static List<String> lines;

    @BeforeAll
    static void readTheDocument() throws IOException {
        root = ServiceProcess.repoRoot();
        Path document = root.resolve(DOCUMENT);
        if (!Files.isRegularFile(document)) {
            fail(DOCUMENT + " is missing (looked in " + root + ")");
        }
        lines = Files.readAllLines(document);
    }

    @Test
    void lists_exactly_the_packages_of_the_main_source_trees_each_under_its_module() throws IOException {
        Map<String, String> inCode = packagesInCode();
        Map<String, String> inDocument = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String module = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading = MODULE_HEADING.matcher(line);
            if (heading.matches()) {
                module = heading.group(1);
                continue;
            }
            Matcher row = PACKAGE_ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String pkg = row.group(1);
            String where = DOCUMENT + ":" + (i + 1);
            if (inDocument.putIfAbsent(pkg, module) != null) {
                problems.add("package " + pkg + " is listed twice (again at " + where + "): keep one row.");
            } else if (!inCode.containsKey(pkg)) {
                problems.add(
                        "package " + pkg + " is listed (" + where + ", under " + module
                                + ") but no main source tree has it any more: remove its row, or rename it to the package's new name.");
            } else if (!inCode.get(pkg).equals(module)) {
                problems.add("package " + pkg + " is listed under " + module + " (" + where + ") but lives in "
                        + inCode.get(pkg) + "/src/main/java: move its row to the " + inCode.get(pkg) + " table.");
            }
        }
        inCode.forEach((pkg, owner) -> {
            if (!inDocument.containsKey(pkg)) {
                problems.add("package " + pkg + " (" + owner + "/src/main/java/" + pkg.replace('.', '/')
                        + ") is not listed: add the row | `" + pkg + "` | <the rule it keeps> | to the " + owner
                        + " table.");
            }
        });
        if (!problems.isEmpty()) {
            fail(outOfDate("its package tables (section \"Packages\")", problems));
        }
    }

    @Test
    void names_every_event_type_and_work_queue() {
        String text = String.join("\n", lines);
        List<String> problems = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if (!text.contains("`" + type.wireName() + "`")) {
                problems.add(
                        "event " + type.wireName() + " is not named: add its row to the event table (who publishes it, "
                                + "its routing key, which work queue and consumer take it).");
            }
        }
        for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
            if (!text.contains("`" + queue.name() + "`")) {
                problems.add("work queue " + queue.name() + " is not named: add it, with the events bound to it "
                        + queue.bindings() + ", to the event table.");
            }
        }
        if (!problems.isEmpty()) {
            fail(outOfDate(
                    "its event flow (section \"Events: who publishes, where they go, who consumes\")", problems));
        }
    }

    private static String outOfDate(String part, List<String> problems) {
        return DOCUMENT + " is out of date with the code. Update " + part + " in " + DOCUMENT + ":\n  - "
                + String.join("\n  - ", problems);
    }

    /** Every package of every module's src/main/java, with its module. */
    private static Map<String, String> packagesInCode() throws IOException {
        Map<String, String> packages = new TreeMap<>();
        List<Path> modules;
        try (Stream<Path> children = Files.list(root)) {
            modules = children.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
                    .sorted()
                    .toList();
        }
        if (modules.isEmpty()) {
            fail("no module with src/main/java under " + root + ": is storyline.repo.root right?");
        }
        for (Path module : modules) {
            Path sources = module.resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(file -> file.getFileName().toString().endsWith(".java") && Files.isRegularFile(file))
                        .map(file -> sources.relativize(file.getParent()))
                        .distinct()
                        .forEach(dir -> packages.put(
                                dir.toString().replace(dir.getFileSystem().getSeparator(), "."),
                                module.getFileName().toString()));
            }
        }
        return packages;
    }
}
