package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A commit made with the real git client's plumbing whose service directory holds one entry git itself
 * refuses to write ({@code ..}, {@code .git}): {@code git mktree} refuses such a name, so the tree is
 * written byte by byte with {@code git hash-object -t tree --literally}, as an attacker would.
 */
final class LiteralTree {
    private final Path workTree;

    LiteralTree(Path workTree) {
        this.workTree = workTree;
    }

    /**
     * A new commit on main whose directory {@code serviceDir} also holds a directory named {@code name}
     * with a file {@code escaped.txt} in it; answers its sha. {@code name} must sort before the directory's
     * other entries (any name starting with '.' does before "Dockerfile").
     */
    String commitWithEntry(String serviceDir, String name) {
        String blob = git("hello from outside\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin");
        String inner = git(("100644 blob " + blob + "\tescaped.txt\n").getBytes(StandardCharsets.UTF_8), "mktree");
        byte[] service = gitBytes(new byte[0], "cat-file", "tree", "HEAD:" + serviceDir);
        var raw = new ByteArrayOutputStream();
        raw.writeBytes(("40000 " + name + "\0").getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(HexFormat.of().parseHex(inner));
        raw.writeBytes(service);
        String crafted = git(raw.toByteArray(), "hash-object", "-t", "tree", "--literally", "-w", "--stdin");
        String root = git(("040000 tree " + crafted + "\t" + serviceDir + "\n").getBytes(StandardCharsets.UTF_8), "mktree");
        String commit = git(new byte[0], "-c", "user.name=Crafted", "-c", "user.email=crafted@gantry.invalid",
                "commit-tree", root, "-p", "HEAD", "-m", "A tree with " + name);
        git(new byte[0], "update-ref", "refs/heads/main", commit);
        return commit;
    }

    private String git(byte[] input, String... args) {
        return new String(gitBytes(input, args), StandardCharsets.UTF_8).strip();
    }

    private byte[] gitBytes(byte[] input, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workTree.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = process.getOutputStream()) {
                in.write(input);
            }
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("%s ended", command).isTrue();
            assertThat(process.exitValue()).as("%s", command).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
