package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The web UI (docs/ui.md) in a real headless Chromium against a real gantry server, after real deploys through
 * HAProxy: the overview lists the service and shows a hostile commit title as text, and fits a phone's width; a read
 * session sees no action and its forged post is refused; a post without the CSRF token is refused; the rollback,
 * reached with the keyboard alone, puts the previous release live through the proxy while the run page lights the
 * flow's boxes as they pass, over SSE; the release it replaced is deployed again from the service page; the audit log,
 * filtered, lists what the deployer did. A {@code git push} lights its run page's boxes in the flow's order, each
 * within a second of its stage's end; a push whose post-integration tests fail shows the failure and the undo, live.
 * Every page is checked against WCAG 2.1 AA with axe-core.
 */
class WebUiIT {
    private static final String HOSTILE = "<script>alert('owned')</script> \"quoted\" & <img src=x onerror=alert(2)>";
    /** The stages of a push's run that pass when all goes well, in the flow's order (docs/design.md). */
    private static final List<String> PLANNED = List.of("checkout", "test", "build", "push", "deploy", "register",
            "pre-integration", "switch", "post-integration");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void readingActingAndRefusingInABrowser() throws Exception {
        sandbox.use("haproxy", "embedded");
        ServiceRepo repo = sandbox.tiny();
        String first = repo.head();
        sandbox.cli().ok("run", repo.serviceDir().toString());
        String second = repo.write("NOTES.txt", "a second release\n").commit(HOSTILE);
        sandbox.cli().ok("run", repo.serviceDir().toString());
        sandbox.cli().ok("service", "add", sandbox.service());
        String reader = sandbox.cli().ok("token", "create", "reader", "--scope", "read").stdout().strip();
        String deployer = sandbox.cli().ok("token", "create", "deployer", "--scope", "deploy").stdout().strip();
        String server = sandbox.server(sandbox.cli()).url();
        String history = server + "/ui/services/" + sandbox.service();

        try (Browser browser = Browser.start()) {
            browser.driver.get("data:text/html,<html><body><p class=x>pale</p><img src=x><input></body></html>");
            assertThat(browser.accessibilityFaults()).as("the accessibility check finds the faults of a faulty page")
                    .anyMatch(fault -> fault.startsWith("image-alt")).anyMatch(fault -> fault.startsWith("label"));
            browser.logIn(server, reader);
            WebElement row = browser.find(By.cssSelector("table.services tbody tr"));
            assertThat(row.getText()).as("the overview's row").contains(sandbox.service()).contains(second.substring(0, 12))
                    .contains(HOSTILE);
            assertThatThrownBy(() -> browser.driver.switchTo().alert()).as("the title's script never ran")
                    .isInstanceOf(NoAlertPresentException.class);
            assertThat(browser.driver.findElements(By.cssSelector("table.services img"))).as("no element from the title")
                    .isEmpty();
            browser.screenshot("ui-overview");
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of the overview").isEmpty();
            browser.onAPhone(() -> {
                assertThat(browser.overflowsSideways()).as("the overview fits a phone's width").isFalse();
                browser.driver.get(history);
                assertThat(browser.overflowsSideways()).as("the service page fits a phone's width").isFalse();
            });

            browser.driver.get(history);
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of the service page").isEmpty();
            assertThat(browser.driver.findElements(By.linkText("Roll back"))).as("a read session sees no rollback").isEmpty();
            HttpResponse<String> forged = post(history + "/rollback", browser.sessionCookie(), browser.csrf());
            assertThat(forged.statusCode()).as("a read session's forged rollback: %s", forged.body()).isEqualTo(403);
            browser.logOut();

            browser.logIn(server, deployer);
            browser.driver.get(history);
            HttpResponse<String> noToken = post(history + "/rollback", browser.sessionCookie(), "");
            assertThat(noToken.statusCode()).as("a post without the CSRF token: %s", noToken.body()).isEqualTo(403);
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("nothing was rolled back by the refused posts")
                    .startsWith("200 release=" + second);

            assertThat(browser.tabTo("Skip to the content", 1)).as("the first stop of the keyboard is the skip link")
                    .isTrue();
            assertThat(browser.tabTo("Roll back", 40)).as("the rollback is reached with the keyboard").isTrue();
            browser.pressEnter();
            browser.until("the rollback's confirmation", d -> d.getCurrentUrl().endsWith("/rollback"));
            assertThat(browser.find(By.cssSelector("main")).getText()).as("the confirmation names what goes live")
                    .contains(first.substring(0, 12));
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of the confirmation").isEmpty();
            String confirm = browser.find(By.cssSelector("form.actions button[type=submit]")).getText();
            assertThat(browser.tabTo(confirm, 40)).as("the confirming button is reached with the keyboard").isTrue();
            browser.pressEnter();
            browser.until("the rollback's run page", d -> d.getCurrentUrl().contains("/ui/runs/"));
            browser.until("the switch box lit as passed, live", d -> !d.findElements(
                    By.xpath("//li[contains(@class,'box') and contains(@class,'state-passed')]"
                            + "[span[@class='stage' and text()='switch']]")).isEmpty());
            browser.screenshot("ui-run");
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of the run page").isEmpty();
            Object states = browser.driver.executeScript(  // at once: an SSE event may swap the boxes meanwhile
                    "return Array.from(document.querySelectorAll('ol.flow li.box')).map(box => box.className);");
            System.out.printf("WebUiIT: the rollback's boxes as the page shows them: %s%n", states);
            browser.until(Duration.ofMinutes(2), "the rollback's end on its page", d -> d.findElement(
                    By.cssSelector("div.live")).getText().contains("The run ended"));
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("the previous release is live through the"
                    + " proxy").startsWith("200 release=" + first);

            browser.driver.get(history);
            List<WebElement> again = browser.driver.findElements(By.linkText("Deploy again"));
            assertThat(again).as("only the tested release that is not live may be deployed again").hasSize(1);
            again.getFirst().click();
            assertThat(browser.find(By.cssSelector("main")).getText()).as("the confirmation names what goes live")
                    .contains(second.substring(0, 12));
            browser.find(By.cssSelector("form.actions button[type=submit]")).click();
            browser.until(Duration.ofMinutes(2), "the deploy's end on its run page", d -> d.findElement(
                    By.cssSelector("div.live")).getText().contains("The run ended"));
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("the release deployed again is live through"
                    + " the proxy").startsWith("200 release=" + second);

            browser.driver.get(server + "/ui/audit?service=" + sandbox.service() + "&text=ui+%28token+deployer%29");
            List<String> changes = browser.driver.findElements(By.cssSelector("table.audit tbody tr")).stream()
                    .map(WebElement::getText).toList();
            assertThat(changes).as("the audit log of what the deployer did through the UI").isNotEmpty()
                    .allMatch(change -> change.contains("ui (token deployer)"));
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of the audit log").isEmpty();
        }
    }

    @Test
    void aPushLightsTheBoxesInOrderLiveAndAFailingPostIntegrationShowsTheUndo() throws Exception {
        sandbox.use("haproxy", "embedded");
        ServiceRepo repo = sandbox.tiny();
        String token = sandbox.cli().ok("token", "create", "pusher", "--scope", "deploy").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        String server = sandbox.server(sandbox.cli()).url();
        String remote = server.replace("http://", "http://push:" + token + "@") + "/git/" + sandbox.service() + ".git";
        var api = new ApiClient(server, token);
        String live;
        try (Browser browser = Browser.start()) {
            browser.logIn(server, token);
            GitProcess push = GitProcess.start(repo.workTree(), "push", remote, "main");
            browser.driver.get(queuedRunPage(browser, server));
            watchTheFlow(browser);
            browser.until(Duration.ofMinutes(3), "the run's end on its page", d -> d.findElement(By.cssSelector("div.live")).getText()
                    .contains("The run ended"));
            assertThat(browser.find(By.id("run-state")).getText()).as("the header's state, live").isEqualTo("succeeded");
            assertThat(push.await(Duration.ofMinutes(5))).as("%s", push).isZero();
            assertThat(browser.find(By.cssSelector("pre.log-lines")).getText()).as("the run's output, live on its page")
                    .contains("test | PASS tiny: TINY_TEST_EXIT is 0", "post-integration | PASS tiny: GET /tiny");
            List<Change> changes = changes(browser);
            JsonNode run = newestRun(api);
            assertThat(run.get("state").asText()).as("the pushed run").isEqualTo("succeeded");
            System.out.printf("WebUiIT: the push's boxes as they changed on the page: %s%n", changes);
            for (String state : List.of("running", "passed")) {
                List<String> stages = changes.stream().filter(change -> change.state().equals(state)).map(Change::stage)
                        .toList();
                assertThat(stages).as("the boxes that turned %s while the page was open, in the order they did", state)
                        .containsAll(PLANNED)
                        .isSortedAccordingTo(Comparator.comparingInt(WebUiIT::step));
            }
            long longest = 0;
            for (Change change : changes.stream().filter(c -> c.state().equals("passed") && PLANNED.contains(c.stage()))
                    .toList()) {
                Instant finished = Instant.parse(stage(run, change.stage()).get("finishedAt").asText());
                long lag = change.at().toEpochMilli() - finished.toEpochMilli();
                assertThat(lag).as("%s shown passed %d ms after it ended (at most 1 s)", change.stage(), lag)
                        .isLessThanOrEqualTo(1000);
                longest = Math.max(longest, lag);
            }
            System.out.printf("WebUiIT: a box showed its stage passed at most %d ms after the stage ended%n", longest);
            live = repo.head();
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).startsWith("200 release=" + live);

            repo.replace("gantry.yml", "tests:\n", "tests:\n  post-integration: {env: {TINY_TEST_EXIT: \"1\", TINY_TEST_SECONDS: \"8\"}}\n")
                    .replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"0\", TINY_TEST_LINES: \"6000\"");
            repo.commit("Post-integration tests that fail (after 8 s: the page follows the tests' log meanwhile)");
            browser.driver.get(server + "/ui/");
            GitProcess failing = GitProcess.start(repo.workTree(), "push", remote, "main");
            String runPage = queuedRunPage(browser, server);
            browser.driver.get(runPage + "/logs/test");
            WebElement log = browser.find(By.cssSelector("pre.log-lines"));
            browser.until(Duration.ofMinutes(3), "the tests' 6,000th line on the followed log", d -> (Boolean) browser
                    .driver.executeScript("return arguments[0].textContent.includes('tiny test line 6000 of 6000');", log));
            System.out.printf("WebUiIT: the followed log showed the 6,000th line at %s%n", Instant.now());
            long kept = (Long) browser.driver.executeScript("return arguments[0].children.length;", log);
            assertThat(kept).as("the followed log keeps its newest 5,000 lines in the page").isEqualTo(5000);
            assertThat(log.getText()).as("the oldest lines left the page (the tests' last lines came after the 6,000th)")
                    .contains("tiny test line 1100 of 6000").doesNotContain("tiny test line 1000 of 6000");
            browser.driver.get(runPage);
            watchTheFlow(browser);
            System.out.printf("WebUiIT: the failing run's page open at %s%n", Instant.now());
            browser.until(Duration.ofMinutes(3), "the undo box on the failing run's page, live", d -> !d.findElements(
                    By.xpath("//ol[contains(@class,'flow')]/li[span[@class='stage' and text()='undo']]")).isEmpty());
            browser.until(Duration.ofMinutes(3), "the run's end on its page", d -> d.findElement(By.cssSelector("div.live")).getText()
                    .contains("failed"));
            assertThat(failing.await(Duration.ofMinutes(5))).as("the push itself stored the commit: %s", failing).isZero();
            List<Change> undoing = changes(browser);
            System.out.printf("WebUiIT: the failing run's boxes as they changed on the page: %s%n", undoing);
            assertThat(undoing).as("post-integration failed, then the undo ran, live on the page")
                    .anyMatch(change -> change.is("post-integration", "failed"))
                    .anyMatch(change -> change.is("undo", "passed"));
            browser.screenshot("ui-run-undo");
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of a failed run's page").isEmpty();
            assertThat(boxState(browser, "post-integration")).isEqualTo("failed");
            assertThat(boxState(browser, "undo")).isEqualTo("passed");
            assertThat(browser.find(By.cssSelector("main")).getText()).as("the failure beside the boxes")
                    .contains("post-integration");
            browser.driver.get(runPage + "/logs/test");
            assertThat(browser.accessibilityFaults()).as("WCAG 2.1 AA faults of a stage's log").isEmpty();
        }
        assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("the undo left the release that was live")
                .startsWith("200 release=" + live);
    }

    /** A box's change of state on the page: its stage, its new state, when the page showed it. */
    private record Change(String stage, String state, Instant at) {
        boolean is(String stage, String state) {
            return this.stage.equals(stage) && this.state.equals(state);
        }

        @Override
        public String toString() {
            return stage + "=" + state;
        }
    }

    /** Waits for the overview to list the newest queued request; answers its run page. */
    private static String queuedRunPage(Browser browser, String server) {
        return browser.until("the pushed run in the overview's queue", d -> {
            d.get(server + "/ui/");
            var links = d.findElements(By.cssSelector("ul.queue a[href*='/ui/runs/']"));
            return links.isEmpty() ? null : links.getLast().getAttribute("href");
        });
    }

    /**
     * Has the browser note each change of a box's state on the run page it shows, from now on (a MutationObserver,
     * added through WebDriver: the page itself runs no script of the test's).
     */
    private static void watchTheFlow(Browser browser) {
        browser.find(By.cssSelector("ol.flow li.box"));
        browser.driver.executeScript("""
                window.gantrySeen = [];
                const states = () => Array.from(document.querySelectorAll('ol.flow li.box')).map(box =>
                    [box.querySelector('.stage').textContent, (box.className.match(/state-(\\S+)/) || [])[1]]);
                const last = new Map(states());
                new MutationObserver(() => states().forEach(([stage, state]) => {
                    if (last.get(stage) !== state) {
                        last.set(stage, state);
                        window.gantrySeen.push([stage, state, Date.now()]);
                    }
                })).observe(document.body, {subtree: true, childList: true, attributes: true});
                """);
    }

    /** The changes the page noted since {@link #watchTheFlow}, in the order it showed them. */
    @SuppressWarnings("unchecked")
    private static List<Change> changes(Browser browser) {
        var noted = (List<List<Object>>) browser.driver.executeScript("return window.gantrySeen;");
        return noted.stream().map(change -> new Change((String) change.get(0), (String) change.get(1),
                Instant.ofEpochMilli(((Number) change.get(2)).longValue()))).toList();
    }

    private static String boxState(Browser browser, String stage) {
        String classes = browser.find(By.xpath("//ol[contains(@class,'flow')]/li[span[@class='stage' and text()='"
                + stage + "']]")).getAttribute("class");
        return classes.replaceAll(".*state-(\\S+).*", "$1");
    }

    /** The step of a run's flow {@code stage} is part of: test and build are one step, they run side by side. */
    private static int step(String stage) {
        int index = PLANNED.indexOf(stage.equals("build") ? "test" : stage);
        return index < 0 ? PLANNED.size() : index;
    }

    /** The service's newest run, with its stages, as the API gives it. */
    private JsonNode newestRun(ApiClient api) {
        long id = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs").get(0).get("id").asLong();
        return api.json("/api/v1/runs/" + id);
    }

    private static JsonNode stage(JsonNode run, String name) {
        for (JsonNode stage : run.get("stages")) {
            if (stage.get("name").asText().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("the run has no stage " + name + ": " + run);
    }

    /** A form post to {@code url} with the session {@code cookie} and the CSRF field {@code csrf} (none when empty). */
    private static HttpResponse<String> post(String url, String cookie, String csrf) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Cookie", "gantry_session=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(csrf.isEmpty() ? "" : "csrf=" + csrf)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
