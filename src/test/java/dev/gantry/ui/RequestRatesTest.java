package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RequestSum;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's hour of request figures: its window, the buckets summed, empty ones as none, and the words. */
class RequestRatesTest {

    @Test
    void theHourIsTheSixtyWholeMinutesBeforeTheMinuteThePageIsDrawnIn() {
        Instant now = Instant.parse("2026-12-05T08:30:42.123Z");

        assertThat(RequestRates.end(now)).isEqualTo(Instant.parse("2026-12-05T08:30:00Z"));
        assertThat(RequestRates.start(now)).isEqualTo(Instant.parse("2026-12-05T07:30:00Z"));
        assertThat(RequestRates.end(Instant.parse("2026-12-05T08:30:00Z"))).as("a minute that just began")
                .isEqualTo(Instant.parse("2026-12-05T08:30:00Z"));
    }

    @Test
    void bucketsAreSummedPerServiceEmptyOnesAreNoneAndThoseOutsideTheHourLeftOut() {
        var rates = RequestRates.byService(List.of(new RequestSum("books", 0, 60, 0), new RequestSum("books", 59, 600, 3),
                new RequestSum("books", 59, 120, 3), new RequestSum("books", 60, 9_999, 9), new RequestSum("books", -1, 9_999, 9),
                new RequestSum("cart", 30, 6, 6)));

        assertThat(rates).containsOnlyKeys("books", "cart");
        RequestRates books = rates.get("books");
        assertThat(books.requestsPerSecond()).hasSize(60).startsWith(1.0, 0.0).endsWith(0.0, 12.0);
        assertThat(books.errorsPerSecond()).endsWith(0.1);
        assertThat(books.now()).isEqualTo(12.0);
        assertThat(books.peak()).isEqualTo(12.0);
        assertThat(books.errorShare()).isEqualTo(6.0 / 780);
        assertThat(rates.get("cart").requestsPerSecond()[30]).isEqualTo(0.1);
        assertThat(rates.get("cart").now()).as("a minute without figures").isZero();
        assertThat(rates.get("cart").errorShare()).isEqualTo(1.0);
    }

    @Test
    void theSparklineDrawsBothLinesOnOneScaleAndSaysTheSameInWords() {
        var spark = RequestRates.byService(List.of(new RequestSum("books", 0, 2400, 0), new RequestSum("books", 59, 738, 12)))
                .get("books").sparkline();

        String[] requests = spark.requests().split(" ");
        assertThat(requests).hasSize(60);
        assertThat(requests[0]).as("the peak at the top").isEqualTo("0,1");
        assertThat(requests[1]).as("none at the bottom").isEqualTo("2,23");
        assertThat(requests[59]).isEqualTo("118,16.2");
        assertThat(spark.errors().split(" ")[59]).as("0.2/s of 40/s").isEqualTo("118,22.9");
        assertThat(spark.label()).isEqualTo("requests per second over the last hour: now 12.3/s, peak 40/s; errors 0.4%");
        assertThat(spark.summary()).isEqualTo("12.3/s, 0.4% errors");
    }

    @Test
    void anHourOfNothingIsAFlatLineAtTheBottom() {
        var spark = RequestRates.byService(List.of(new RequestSum("books", 10, 0, 0))).get("books").sparkline();

        assertThat(spark.requests().split(" ")).allSatisfy(point -> assertThat(point).endsWith(",23"));
        assertThat(spark.label()).isEqualTo("requests per second over the last hour: now 0/s, peak 0/s; errors 0%");
    }

    @Test
    void ratesAndSharesAreWrittenShort() {
        assertThat(RequestRates.rate(40.0)).isEqualTo("40");
        assertThat(RequestRates.rate(12.34)).isEqualTo("12.3");
        assertThat(RequestRates.rate(0.04)).as("above none").isEqualTo("<0.1");
        assertThat(RequestRates.rate(0)).isEqualTo("0");
        assertThat(RequestRates.percent(0.002)).isEqualTo("0.2%");
        assertThat(RequestRates.percent(0.0001)).isEqualTo("<0.1%");
        assertThat(RequestRates.percent(0)).isEqualTo("0%");
        assertThat(RequestRates.percent(1)).isEqualTo("100%");
    }
}
