package dev.kafkaevents.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Completion stage helpers shared by the events service and its subscribers.
 */
final class EventStages {

	/**
	 * Immutable completed stage returned by synchronous subscribers.
	 */
	static final CompletionStage<?> COMPLETED = CompletableFuture.completedStage(null);

	private EventStages() {
	}

	static boolean isCompletedNormally(CompletionStage<?> stage) {
		return stage == COMPLETED
				|| (stage.getClass() == CompletableFuture.class && isCompletedNormally((CompletableFuture<?>) stage));
	}

	private static boolean isCompletedNormally(CompletableFuture<?> future) {
		return future.isDone() && !future.isCompletedExceptionally();
	}

	static Throwable unwrap(Throwable ex) {
		Throwable cause = ex.getCause();
		return ((ex instanceof CompletionException || ex instanceof ExecutionException) && cause != null) ? cause : ex;
	}

}
