package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `gantry audit`: every change a run made to production and every undo, with who or what did it. */
@BothStores
class AuditIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void theAuditLogShowsEveryChangeAndEveryUndoWithWhoDidIt() {
        String service = sandbox.service();
        ServiceRepo repo = sandbox.tiny();
        repo.write("gantry.yml", MatrixService.gantryYml(service, ""));
        repo.commit("Two replicas");
        var first = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        repo.write("gantry.yml", MatrixService.gantryYml(service, "")
                .replace("pre-integration: {timeout: 2m}", "pre-integration: {env: {TINY_TEST_EXIT: \"1\"}, timeout: 2m}"));
        repo.commit("Failing pre-integration tests");
        var failed = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);

        var audit = sandbox.cli().run("audit", service);

        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.stdout()).as(audit.toString())
                .contains("start " + service + "-blue-1", "start " + service + "-blue-2")
                .contains("register " + service + " blue as candidate (2 instance(s)")
                .contains("route /tiny to [127.0.0.1:")
                .contains("make " + service + " blue live")
                .contains("keep " + service + " blue live")
                .contains("start " + service + "-green-1", "register " + service + " green as candidate")
                .contains("undo: start " + service + "-green-1", "undo: register " + service + " green as candidate")
                .contains("cli (");
        assertThat(audit.stdout().lines().filter(line -> line.contains("undo: ")))
                .as("undone by the failed run itself").hasSize(3).allMatch(line -> line.contains(" run 2 "));
        assertThat(audit.stdout().lines().filter(line -> line.contains(" keep ")).findFirst().orElseThrow())
                .as("the point of no return of the first run").contains(service).contains(" done ");

        var all = sandbox.cli().run("audit");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.stdout()).contains("start " + service + "-blue-1");
        var none = sandbox.cli().run("audit", "no-such-service");
        assertThat(none.stdout()).contains("No changes to production of no-such-service yet.");
    }
}
