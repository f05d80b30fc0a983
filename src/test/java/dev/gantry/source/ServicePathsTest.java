package dev.gantry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePathsTest {
    @TempDir
    Path dir;

    private Path service;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        service = Files.createDirectories(dir.resolve("workspace"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("Dockerfile"), "FROM x\n");
        Files.createDirectories(service.resolve("app/docker"));
        Files.writeString(service.resolve("app/docker/prod.Dockerfile"), "FROM y\n");
    }

    @Test
    void aContextThatLeavesThroughASymlinkIsRefusedWithExitTwo() throws Exception {
        Files.createSymbolicLink(service.resolve("ctx"), outside);

        assertThatThrownBy(() -> ServicePaths.of(service).directory("build/context", "ctx"))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("build/context \"ctx\" cannot be used: a symlink on the way leads outside the"
                        + " service directory")
                .satisfies(e -> assertThat(((UnsafeCommitException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    @Test
    void aDockerfileThatLeavesThroughASymlinkOrALinkedDirectoryIsRefused() throws Exception {
        Files.createSymbolicLink(service.resolve("Dockerfile"), outside.resolve("Dockerfile"));
        Files.createSymbolicLink(service.resolve("linked"), outside);

        for (String path : new String[] {"Dockerfile", "linked/Dockerfile"}) {
            assertThatThrownBy(() -> ServicePaths.of(service).file("build/dockerfile", path)).as(path)
                    .isInstanceOf(UnsafeCommitException.class)
                    .hasMessageContaining("build/dockerfile \"" + path + "\" cannot be used");
        }
    }

    @Test
    void aSymlinkThatStaysInsideIsFollowedToItsRealPathAndADanglingOneIsRefused() throws Exception {
        Files.createSymbolicLink(service.resolve("Dockerfile"), Path.of("app/docker/prod.Dockerfile"));
        Files.createSymbolicLink(service.resolve("nowhere"), Path.of("missing/file"));
        ServicePaths paths = ServicePaths.of(service);

        assertThat(paths.file("build/dockerfile", "Dockerfile"))
                .contains(service.toRealPath().resolve("app/docker/prod.Dockerfile"));
        assertThat(paths.directory("build/context", "app")).isEqualTo(service.toRealPath().resolve("app"));
        assertThat(paths.file("tests/dockerfile", "Dockerfile.test")).isEmpty();
        assertThatThrownBy(() -> paths.file("tests/dockerfile", "nowhere"))
                .isInstanceOf(UnsafeCommitException.class).hasMessageContaining("leads to nothing");
        assertThatThrownBy(() -> paths.directory("build/context", "app/docker/prod.Dockerfile"))
                .isInstanceOf(UnsafeCommitException.class).hasMessageContaining("is not a directory of the commit");
    }
}
