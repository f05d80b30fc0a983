package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoTest {
    @Test
    void changesAreTakenBackNewestFirstAndAFailingStepDoesNotStopTheOthers() {
        List<String> done = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Undo undo = new Undo();
        undo.push("remove books-ms-green-1", () -> done.add("removed container"));
        undo.push("deregister books-ms green", () -> {
            throw new IllegalStateException("etcd is gone");
        });
        undo.push("route books-ms back", () -> done.add("routed back"));

        List<String> failures = undo.run(log::add);

        assertThat(done).containsExactly("routed back", "removed container");
        assertThat(failures).containsExactly("deregister books-ms green could not be undone: etcd is gone");
        assertThat(log).containsExactly("undone: route books-ms back",
                "UNDO FAILED: deregister books-ms green could not be undone: etcd is gone",
                "undone: remove books-ms-green-1");
        assertThat(undo.isEmpty()).isTrue();
    }

    @Test
    void committedChangesAreNotTakenBack() {
        List<String> done = new ArrayList<>();
        Undo undo = new Undo();
        undo.push("remove books-ms-blue-1", () -> done.add("removed"));

        undo.commit();

        assertThat(undo.run(line -> { })).isEmpty();
        assertThat(done).isEmpty();
    }
}
