package dev.kafkaevents.benchmarks;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * How a raw poll loop commits, to match the bridge it is compared with: synchronously
 * after each poll like {@code autoCommit: false}, or asynchronously after each poll like
 * {@code autoCommit: true}.
 *
 * @author kafka-events
 */
enum RawCommits {

	/**
	 * {@code commitSync()} after each poll with records.
	 */
	SYNCHRONOUS {

		@Override
		void commit(Consumer<?, ?> consumer) {
			consumer.commitSync();
		}

	},

	/**
	 * {@code commitAsync()} after each poll with records.
	 */
	ASYNCHRONOUS {

		@Override
		void commit(Consumer<?, ?> consumer) {
			consumer.commitAsync();
		}

	};

	abstract void commit(Consumer<?, ?> consumer);

	/**
	 * Return the commits a raw loop makes to do the work of a bridge.
	 * @param autoCommit the bridge's {@code autoCommit}
	 * @return the matching commits
	 */
	static RawCommits like(boolean autoCommit) {
		return autoCommit ? ASYNCHRONOUS : SYNCHRONOUS;
	}

}
