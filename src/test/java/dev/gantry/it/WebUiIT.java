package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The web UI (docs/ui.md) in a real headless Chromium against a real gantry server, after real deploys through
 * HAProxy: the overview lists the service and shows a hostile commit title as text; a read session sees no action and
 * its forged post is refused; a post without the CSRF token is refused; and the rollback button puts the previous
 * release live through the proxy while the run page lights the flow's boxes as they pass, over SSE.
 */
class WebUiIT {
    private static final String HOSTILE = "<script>alert('owned')</script> \"quoted\" & <img src=x onerror=alert(2)>";
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
            browser.logIn(server, reader);
            WebElement row = browser.find(By.cssSelector("table.services tbody tr"));
            assertThat(row.getText()).as("the overview's row").contains(sandbox.service()).contains(second.substring(0, 12))
                    .contains(HOSTILE);
            assertThatThrownBy(() -> browser.driver.switchTo().alert()).as("the title's script never ran")
                    .isInstanceOf(NoAlertPresentException.class);
            assertThat(browser.driver.findElements(By.cssSelector("table.services img"))).as("no element from the title")
                    .isEmpty();
            browser.screenshot("ui-overview");

            browser.driver.get(history);
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

            browser.find(By.linkText("Roll back")).click();
            assertThat(browser.find(By.cssSelector("main")).getText()).as("the confirmation names what goes live")
                    .contains(first.substring(0, 12));
            browser.find(By.cssSelector("form.actions button[type=submit]")).click();
            browser.until("the rollback's run page", d -> d.getCurrentUrl().contains("/ui/runs/"));
            browser.until("the switch box lit as passed, live", d -> !d.findElements(
                    By.xpath("//li[contains(@class,'box') and contains(@class,'state-passed')]"
                            + "[span[@class='stage' and text()='switch']]")).isEmpty());
            browser.screenshot("ui-run");
            List<String> states = browser.driver.findElements(By.cssSelector("ol.flow li.box")).stream()
                    .map(box -> box.getAttribute("class")).toList();
            System.out.printf("WebUiIT: the rollback's boxes as the page shows them: %s%n", states);
        }
        assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("the previous release is live through the proxy")
                .startsWith("200 release=" + first);
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
