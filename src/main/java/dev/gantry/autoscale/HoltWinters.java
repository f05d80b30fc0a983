package dev.gantry.autoscale;

import java.util.Arrays;

/**
 * Additive Holt-Winters (triple exponential smoothing): a level, a trend and one offset per position in the season,
 * each updated by every observation. Fitted in one pass over a series of at least two seasons; it then forecasts any
 * number of steps ahead, and its one-step forecasts of the last observations (each made before that observation was
 * seen) say how far to trust it.
 *
 * <p>The smoothing constants are fixed ({@link #ALPHA}, {@link #BETA}, {@link #GAMMA}): a level that follows the
 * load within a few periods, a trend that hardly moves, and a season that adapts over a few seasons.
 */
public final class HoltWinters {
    static final double ALPHA = 0.4;
    static final double BETA = 0.02;
    static final double GAMMA = 0.4;

    private final int season;
    private final double level;
    private final double trend;
    private final double[] offsets;
    private final double[] oneStep;
    private final double[] series;

    private HoltWinters(int season, double level, double trend, double[] offsets, double[] oneStep, double[] series) {
        this.season = season;
        this.level = level;
        this.trend = trend;
        this.offsets = offsets;
        this.oneStep = oneStep;
        this.series = series;
    }

    /** The model of {@code series} (oldest first) with seasons of {@code season} observations. */
    public static HoltWinters fit(double[] series, int season) {
        if (season < 2 || series.length < 2 * season) {
            throw new IllegalArgumentException("a season of " + season + " needs at least " + 2 * season
                    + " observations, and at least 2 in a season; got " + series.length);
        }
        double first = mean(series, 0, season);
        double second = mean(series, season, 2 * season);
        double level = first;
        double trend = (second - first) / season;
        double[] offsets = new double[season];
        for (int i = 0; i < season; i++) {
            offsets[i] = series[i] - first;
        }
        double[] oneStep = new double[series.length];
        System.arraycopy(series, 0, oneStep, 0, season);  // the first season defines the model: no forecast of it
        for (int t = season; t < series.length; t++) {
            int position = t % season;
            oneStep[t] = level + trend + offsets[position];
            double previousLevel = level;
            level = ALPHA * (series[t] - offsets[position]) + (1 - ALPHA) * (level + trend);
            trend = BETA * (level - previousLevel) + (1 - BETA) * trend;
            offsets[position] = GAMMA * (series[t] - level) + (1 - GAMMA) * offsets[position];
        }
        return new HoltWinters(season, level, trend, offsets, oneStep, series.clone());
    }

    /** The value {@code steps} (1 or more) observations after the last one. */
    public double forecast(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a forecast is at least one step ahead, not " + steps);
        }
        int position = (series.length - 1 + steps) % season;
        return level + steps * trend + offsets[position];
    }

    /**
     * How far off the one-step forecasts of the last {@code count} observations were, as a share of what was observed
     * (the sum of absolute errors over the sum of the observations; 0 when both are 0, infinite when only nothing was
     * observed).
     */
    public double recentError(int count) {
        int from = Math.max(season, series.length - count);
        double error = 0;
        double observed = 0;
        for (int t = from; t < series.length; t++) {
            error += Math.abs(series[t] - oneStep[t]);
            observed += Math.abs(series[t]);
        }
        if (observed == 0) {
            return error == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return error / observed;
    }

    private static double mean(double[] series, int from, int to) {
        return Arrays.stream(series, from, to).average().orElse(0);
    }
}
