package dev.gantry.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven over WebDriver (Debian's {@code chromium} and {@code chromium-driver}, which bin/env-up
 * installs): the web UI as a person's browser shows it, scripts and all. Selenium's own driver download is never
 * used: the driver and the browser are the machine's.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser (no cookies), its window phone-sized or desktop-sized. */
    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium and its driver are missing: bin/env-up installs Debian's chromium and"
                    + " chromium-driver");
        }
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    /** Opens {@code url} and logs in with {@code token} on the login page it lands on. */
    void logIn(String baseUrl, String token) {
        driver.get(baseUrl + "/ui/");
        until("the login page", d -> d.getCurrentUrl().endsWith("/ui/login"));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
        until("the overview after the login", d -> d.getCurrentUrl().endsWith("/ui/"));
    }

    /** Logs out with the page's own form. */
    void logOut() {
        driver.findElement(By.cssSelector("form.logout button[type=submit]")).click();
        until("the login page after the logout", d -> d.getCurrentUrl().endsWith("/ui/login"));
    }

    /** The session cookie the browser holds. */
    String sessionCookie() {
        return driver.manage().getCookieNamed("gantry_session").getValue();
    }

    /** The value of the page's CSRF field. */
    String csrf() {
        return driver.findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
    }

    /** Runs {@code check} with the window as wide as a phone's (390 × 844 CSS pixels), then puts the window back. */
    void onAPhone(Runnable check) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            check.run();
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Whether the page is wider than the window, so that a reader must scroll sideways to see all of it. */
    boolean overflowsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    }

    /**
     * Presses Tab, from where the focus is (the top of a page just opened), until the element with focus reads
     * {@code text}, at most {@code presses} times; answers whether it got there. What a person without a mouse does.
     */
    boolean tabTo(String text, int presses) {
        var keys = new Actions(driver);
        for (int i = 0; i < presses; i++) {
            keys.sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            if (focused.getText().strip().equals(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What axe-core (Deque's accessibility engine, run in the page) finds against WCAG 2.1 A and AA on the page as it
     * is: one line per rule broken, with the elements that break it; empty when none is. Contrast included.
     */
    List<String> accessibilityFaults() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core could not check " + driver.getCurrentUrl() + ": "
                    + results.getErrorMessage());
        }
        System.out.printf("axe-core on %s: %d rules kept, %d broken%n", driver.getCurrentUrl(), results.getPasses().size(),
                results.getViolations().size());
        return results.getViolations().stream().map(rule -> rule.getId() + " (" + rule.getHelp() + "): "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList()).toList();
    }

    /** Presses Enter on the element with focus. */
    void pressEnter() {
        new Actions(driver).sendKeys(Keys.ENTER).perform();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /**
     * Saves what the window shows as {@code name}.png in the directory {@code GANTRY_SCREENSHOTS} names, when it names
     * one (bin/ui-screenshots: the images of docs/ui.md); does nothing otherwise.
     */
    void screenshot(String name) {
        String dir = System.getenv("GANTRY_SCREENSHOTS");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("saving the screenshot " + name + " in " + dir + " failed", e);
        }
    }

    /** Waits up to 20 s for {@code condition}, naming it when it does not come. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(Duration.ofSeconds(20), what, condition);
    }

    /** Waits up to {@code limit} for {@code condition}, naming it when it does not come. */
    <T> T until(Duration limit, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(100))
                .withMessage(() -> what + "; the page at " + driver.getCurrentUrl() + " shows: "
                        + driver.findElement(By.tagName("body")).getText())
                .until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
