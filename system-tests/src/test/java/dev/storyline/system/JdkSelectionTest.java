package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper scripts on a machine whose default java is too old (17) while a newer JDK is installed
 * beside it: they pick the newer one by themselves, as scripts/run-local.sh does, or say which to install.
 */
class JdkSelectionTest {

    @TempDir
    Path dir;

    private Path oldJavaBin;
    private Path jvmDir;

    /** A `java` on PATH that reports version 17 and cannot run anything newer. */
    @BeforeEach
    void machineWithJava17OnThePath() throws IOException {
        oldJavaBin = Files.createDirectories(dir.resolve("old-jdk/bin"));
        for (String tool : List.of("java", "javac")) {
            Path script = oldJavaBin.resolve(tool);
            Files.writeString(script, """
                    #!/bin/sh
                    case "$*" in
                      *-XshowSettings*) echo '    java.specification.version = 17' >&2; echo 'openjdk version "17.0.15"' >&2; exit 0 ;;
                    esac
                    echo 'Exception in thread "main" java.lang.UnsupportedClassVersionError: class file version 65.0, this runtime only recognizes up to 61.0' >&2
                    exit 1
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jvmDir = Files.createDirectories(dir.resolve("jvm"));
    }

    @Test
    void the_cli_runs_with_the_newer_jdk_installed_beside_an_old_default_java() throws Exception {
        Files.createSymbolicLink(jvmDir.resolve("temurin-99-jdk"), Path.of(System.getProperty("java.home")));

        Result result = run("bin/storyline", "--help");

        assertThat(result.output()).doesNotContain("UnsupportedClassVersionError", "release version");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void the_maven_wrapper_builds_with_the_newer_jdk_installed_beside_an_old_default_java() throws Exception {
        Files.createSymbolicLink(jvmDir.resolve("temurin-99-jdk"), Path.of(System.getProperty("java.home")));

        Result result = run("./mvnw", "-B", "-o", "-v");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Java version: " + System.getProperty("java.version"));
    }

    @Test
    void the_cli_says_which_jdk_to_install_when_none_fits() throws Exception {
        Result result = run("bin/storyline", "--help");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("no JDK >= 21 found", "Install one (e.g. Temurin 21 or 25)")
                .doesNotContain("UnsupportedClassVersionError");
    }

    private record Result(int exitCode, String output) {}

    /** Runs a script of the repository in a bare environment, as a fresh login shell would. */
    private Result run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ServiceProcess.repoRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("HOME", System.getProperty("user.home"));
        builder.environment().put("PATH", oldJavaBin + ":/usr/bin:/bin");
        builder.environment().put("STORYLINE_JVM_DIR", jvmDir.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
