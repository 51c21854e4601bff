package dev.kafkaevents.sample;

import dev.kafkaevents.events.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Answers the questions that arrive over Kafka, from the entities received from Kafka: an
 * {@code @EventHandler} whose return value is the reply.
 *
 * @author kafka-events
 */
@Component
public class CatalogQuestions {

	private final CatalogEventHandlers handlers;

	CatalogQuestions(CatalogEventHandlers handlers) {
		this.handlers = handlers;
	}

	/**
	 * Answer who owns an entity.
	 * @param question the question
	 * @return the answer, sent back to the application that asked
	 * @throws IllegalArgumentException for a question without entity reference, which the
	 * asking side receives as an error reply
	 */
	@EventHandler("catalog.question.received")
	public OwnerAnswer whoOwns(OwnerQuestion question) {
		if (question.entityRef() == null || question.entityRef().isBlank()) {
			throw new IllegalArgumentException("The question names no entityRef");
		}
		return this.handlers.getReceived()
			.stream()
			.filter((entity) -> question.entityRef().equals(entity.entityRef()))
			.reduce((first, second) -> second)
			.map((entity) -> new OwnerAnswer(question.entityRef(), true, entity.owner()))
			.orElseGet(() -> new OwnerAnswer(question.entityRef(), false, null));
	}

}
