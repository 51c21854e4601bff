package dev.kafkaevents.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Renders results as a markdown table.
 *
 * @author kafka-events
 */
final class ResultTable {

	private ResultTable() {
	}

	static String render(List<Result> results) {
		StringBuilder table = new StringBuilder();
		table.append("| case | unit | raw kafka-clients | bridge | bridge / raw | target | met |\n");
		table.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
		for (Result result : results) {
			Double ratio = result.ratio();
			Boolean met = result.met();
			table.append("| ")
				.append(result.name())
				.append(" | ")
				.append(result.unit().label())
				.append(" | ")
				.append((result.raw() != null) ? result.unit().format(result.raw()) : "—")
				.append(" | ")
				.append(result.unit().format(result.bridge()))
				.append(" | ")
				.append((ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "—")
				.append(" | ")
				.append(result.target().text())
				.append(" | ")
				.append((met != null) ? (met ? "yes" : "**no**") : "")
				.append(" |\n");
		}
		return table.toString() + cpuTable(results);
	}

	private static String cpuTable(List<Result> results) {
		if (results.stream().allMatch((result) -> result.cpu() == null)) {
			return "";
		}
		StringBuilder table = new StringBuilder();
		table.append("\nCPU time of the whole process per record (the in-JVM broker's included, JIT compilation ")
			.append("left out), which load from other processes disturbs less than throughput:\n\n");
		table.append("| case | raw µs/record | bridge µs/record | bridge / raw |\n");
		table.append("| --- | ---: | ---: | ---: |\n");
		for (Result result : results) {
			Result.Cpu cpu = result.cpu();
			if (cpu != null) {
				table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", result.name(), cpu.raw(),
						cpu.bridge(), cpu.ratio()));
			}
		}
		return table.toString();
	}

}
