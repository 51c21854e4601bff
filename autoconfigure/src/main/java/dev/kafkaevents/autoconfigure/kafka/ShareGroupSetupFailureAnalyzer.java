package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.consumer.ShareGroupSetupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ShareGroupSetupException}: which share-group mapping cannot start and
 * what to change.
 *
 * @author kafka-events
 */
class ShareGroupSetupFailureAnalyzer extends AbstractFailureAnalyzer<ShareGroupSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ShareGroupSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
