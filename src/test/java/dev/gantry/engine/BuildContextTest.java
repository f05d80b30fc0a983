package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
    @TempDir
    Path context;

    @Test
    void sendsTheDockerfileEvenWhenDockerignoreExcludesEverything() throws Exception {
        write(".dockerignore", "# only sources\n*\n!src/\n**/*.class\n");
        write("Dockerfile", "FROM gantry/java:25\n");
        write("Dockerfile.test", "FROM gantry/java:25\n");
        write("README.md", "docs");
        write("src/main/Books.java", "class Books {}");
        write("src/main/Books.class", "compiled");
        write("src/test/BooksTest.java", "class BooksTest {}");

        assertThat(entries("Dockerfile")).containsExactly(
                ".dockerignore", "Dockerfile", "src/main/Books.java", "src/test/BooksTest.java");
        assertThat(entries("Dockerfile.test")).contains("Dockerfile.test").doesNotContain("Dockerfile");
    }

    @Test
    void whatIsAppendedEndsTheSentDockerfileAndNothingElseWhileTheFileOnDiskStaysAsItWas() throws Exception {
        write("Dockerfile", "FROM x\nRUN true");
        write("Dockerfile.test", "FROM y\n");

        var out = new ByteArrayOutputStream();
        BuildContext.of(context).writeTar(context.resolve("Dockerfile"), "\nLABEL \"a\"=\"1\"\n", out);

        var sent = new ArrayList<String>();
        try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                sent.add(entry.getName() + ": " + new String(tar.readAllBytes()));
            }
        }
        assertThat(sent).containsExactly("Dockerfile: FROM x\nRUN true\nLABEL \"a\"=\"1\"\n", "Dockerfile.test: FROM y\n");
        assertThat(context.resolve("Dockerfile")).hasContent("FROM x\nRUN true");
    }

    @Test
    void withoutDockerignoreEverythingIsSent() throws Exception {
        write("Dockerfile", "FROM x\n");
        write("a/b/c.txt", "c");

        assertThat(entries("Dockerfile")).containsExactly("Dockerfile", "a/b/c.txt");
    }

    @Test
    void aPatternNamingADirectoryLeavesOutWhatIsInsideAndTheLastMatchWins() throws Exception {
        write(".dockerignore", "/target\nlogs/*.log\n!logs/keep.log\n");
        var rules = BuildContext.of(context);

        assertThat(rules.excluded("target/classes/A.class")).isTrue();
        assertThat(rules.excluded("logs/old.log")).isTrue();
        assertThat(rules.excluded("logs/keep.log")).isFalse();
        assertThat(rules.excluded("src/target.txt")).isFalse();
    }

    @Test
    void executableFilesKeepTheirMode() throws Exception {
        write("Dockerfile", "FROM x\n");
        Path script = write("run.sh", "#!/bin/sh\n");
        script.toFile().setExecutable(true);

        var tar = new TarArchiveInputStream(new ByteArrayInputStream(tar("Dockerfile")));
        var modes = new ArrayList<String>();
        for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            modes.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()));
        }
        assertThat(modes).containsExactly("Dockerfile 100644", "run.sh 100755");
    }

    @Test
    void aSymlinkIsSentAsASymlinkAndWhatItPointsAtIsNotRead() throws Exception {
        write("Dockerfile", "FROM x\n");
        Path outside = Files.createTempFile("gantry-outside-", ".txt");
        try {
            Files.writeString(outside, "secret outside the context");
            Files.createSymbolicLink(context.resolve("leak"), outside);
            Files.createSymbolicLink(context.resolve("up"), Path.of(".."));

            var found = new ArrayList<String>();
            try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(tar("Dockerfile")))) {
                for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    found.add(entry.getName() + (entry.isSymbolicLink() ? " -> " + entry.getLinkName()
                            : " " + new String(tar.readAllBytes())));
                }
            }
            assertThat(found).containsExactly("Dockerfile FROM x\n", "leak -> " + outside, "up -> ..");
        } finally {
            Files.delete(outside);
        }
    }

    private List<String> entries(String dockerfile) throws Exception {
        var names = new ArrayList<String>();
        try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(tar(dockerfile)))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private byte[] tar(String dockerfile) throws Exception {
        var out = new ByteArrayOutputStream();
        BuildContext.of(context).writeTar(context.resolve(dockerfile), "", out);
        return out.toByteArray();
    }

    private Path write(String path, String content) throws Exception {
        Path file = context.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
