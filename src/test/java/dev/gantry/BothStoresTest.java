package dev.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CI's PostgreSQL pass runs only the test classes tagged {@link BothStores}; a test that opens its store
 * through {@link TestStore} and lacked the tag would silently never meet PostgreSQL.
 */
class BothStoresTest {
    @Test
    void everyTestClassWithATestStoreRunsOnBothStores() {
        List<Class<?>> withStore = testClasses().stream().filter(BothStoresTest::opensATestStore).toList();

        assertThat(withStore).as("test classes with a TestStore field").isNotEmpty()
                .allSatisfy(type -> assertThat(type.isAnnotationPresent(BothStores.class))
                        .as("%s has a TestStore, so it should be annotated @BothStores", type.getName()).isTrue());
    }

    private static boolean opensATestStore(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == TestStore.class) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The compiled test classes, from the directory this class was loaded from. */
    private static List<Class<?>> testClasses() {
        Path root = classesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(BothStoresTest::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the test classes under " + root + " failed", e);
        }
    }

    private static Path classesRoot() {
        try {
            return Path.of(BothStoresTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BothStoresTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the compiled test class " + name + " does not load", e);
        }
    }
}
