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
		return table.toString();
	}

}
