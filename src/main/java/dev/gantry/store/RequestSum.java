package dev.gantry.store;

/**
 * The requests one service answered in one bucket of time, every colour and release summed
 * ({@link RequestFigures#sums}).
 *
 * @param bucket the bucket's number, 0 for the first
 * @param requests the requests answered
 * @param errors those answered with a server error (5xx)
 */
public record RequestSum(String service, int bucket, long requests, long errors) {
}
