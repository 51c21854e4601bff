package dev.kafkaevents.kafka.consumer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventReply;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaEventFilter;
import dev.kafkaevents.kafka.reply.ConsumedRequest;
import dev.kafkaevents.kafka.reply.RequestAnswerer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.util.Assert;

/**
 * Hands one record of a consuming mapping to the events service as an event, unless the
 * mapping's filter turns it away, within an observation that continues the record's trace
 * when a registry is set, and tells the observers how it went.
 *
 * @author kafka-events
 */
final class RecordDispatcher {

	/**
	 * The outcome of a record that the mapping's filter turned away, told apart by
	 * identity.
	 */
	static final CompletableFuture<Void> FILTERED = CompletableFuture.completedFuture(null);

	private final ConsumingMapping mapping;

	private final EventsService eventsService;

	private final KafkaRecordEvents recordEvents;

	private final @Nullable KafkaEventFilter filter;

	private final List<ConsumingObserver> observers;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile @Nullable RequestAnswerer requestAnswerer;

	RecordDispatcher(ConsumingMapping mapping, EventsService eventsService, KafkaRecordEvents recordEvents,
			List<ConsumingObserver> observers) {
		this.mapping = mapping;
		this.eventsService = eventsService;
		this.recordEvents = recordEvents;
		this.filter = mapping.filter();
		this.observers = List.copyOf(observers);
	}

	void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	void setRequestAnswerer(@Nullable RequestAnswerer requestAnswerer) {
		this.requestAnswerer = requestAnswerer;
	}

	/**
	 * Publish the event of a record without waiting for its subscribers.
	 * @param record the record
	 * @return the outcome: completed once every subscriber has finished, exceptionally if
	 * the record could not become an event, the filter failed or a subscriber failed;
	 * {@link #FILTERED} if the filter turned it away
	 */
	CompletableFuture<Void> dispatch(ConsumerRecord<byte[], byte[]> record) {
		long start = System.nanoTime();
		CompletableFuture<Void> outcome = observed(record);
		if (this.observers.isEmpty()) {
			return outcome;
		}
		if (outcome == FILTERED) {
			long nanos = System.nanoTime() - start;
			this.observers.forEach((observer) -> observer.recordFiltered(this.mapping, record, nanos));
			return outcome;
		}
		if (outcome.isDone()) {
			notifyObservers(record, outcome.isCompletedExceptionally() ? failureOf(outcome) : null, start);
			return outcome;
		}
		return outcome.whenComplete((result, failure) -> notifyObservers(record, failure, start));
	}

	private static Throwable failureOf(CompletableFuture<Void> outcome) {
		return outcome.handle((result, failure) -> failure).join();
	}

	private void notifyObservers(ConsumerRecord<byte[], byte[]> record, @Nullable Throwable failure, long start) {
		long nanos = System.nanoTime() - start;
		Throwable cause = (failure != null) ? unwrap(failure) : null;
		for (ConsumingObserver observer : this.observers) {
			observer.recordHandled(this.mapping, record, cause, nanos);
		}
	}

	private CompletableFuture<Void> observed(ConsumerRecord<byte[], byte[]> record) {
		ObservationRegistry registry = this.observationRegistry;
		if (registry.isNoop()) {
			return publish(record);
		}
		Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION
			.observation(null, KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
					() -> new KafkaRecordReceiverContext(record, this.mapping.id(), this.mapping.clientId(),
							this.mapping.groupId(), () -> ""),
					registry)
			.start();
		CompletableFuture<Void> outcome;
		try (Observation.Scope scope = observation.openScope()) {
			outcome = publish(record);
		}
		if (outcome == FILTERED) {
			observation.stop();
			return outcome;
		}
		return outcome.whenComplete((result, failure) -> {
			if (failure != null) {
				observation.error(FailedRecord.handlerFailure(unwrap(failure)));
			}
			observation.stop();
		});
	}

	private CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> record) {
		RequestAnswerer answerer = this.requestAnswerer;
		ConsumedRequest request = (answerer != null) ? answerer.requestOf(record) : null;
		if (request == null) {
			return publish(record, null);
		}
		CompletableFuture<Void> handled = publish(record, request.reply());
		return (handled != FILTERED) ? answerer.answer(request, handled, this.recordEvents.deliveryAttempt(record))
				: handled;
	}

	private CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> record, @Nullable EventReply reply) {
		try {
			EventParams event = this.recordEvents.toEvent(record);
			if (this.filter != null && !this.filter.accept(event)) {
				return FILTERED;
			}
			return this.eventsService.publish((reply != null) ? event.withReply(reply) : event);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
