package io.microdrops.ops.analytics;

/**
 * The dashboard's filters as the address gives them, all optional.
 *
 * @param community a community's slug, {@code all}, or nothing for the community of the
 * latest drop
 * @param period {@code 3m}, {@code 6m}, {@code 12m} or {@code all}
 * @param cohorts {@code drop} or {@code month}
 * @param drop the drop whose funnel to show, or nothing for the latest
 */
record DashboardQuery(String community, String period, String cohorts, String drop) {
}
