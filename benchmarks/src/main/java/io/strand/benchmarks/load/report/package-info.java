/**
 * What the load tool reports: one {@link io.strand.benchmarks.load.report.Result} per (system, workload,
 * mode), its fixed machine-readable {@link io.strand.benchmarks.load.report.ResultLine}, the Markdown
 * {@link io.strand.benchmarks.load.report.ResultTable} with Strand's ratio to each peer and the issue's
 * {@link io.strand.benchmarks.load.report.Targets}, and the PNG {@link io.strand.benchmarks.load.report.ResultChart}.
 *
 * <p>Pure formatting and arithmetic over immutable results: it must not start processes or talk to
 * any system (it depends only on {@code load.sut} for the workload and mode vocabulary).
 */
package io.strand.benchmarks.load.report;
