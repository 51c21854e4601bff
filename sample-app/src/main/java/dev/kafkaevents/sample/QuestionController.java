package dev.kafkaevents.sample;

import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.kafka.reply.KafkaRequests;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoint of the sample that asks a question over Kafka and returns the answer: the
 * request goes out through the {@code catalog.question} publishing mapping, and
 * {@link CatalogQuestions} answers it after the consuming mapping has read it. Without
 * the Kafka auto-configuration (as in the in-process tests) it answers with an error.
 *
 * @author kafka-events
 */
@RestController
class QuestionController {

	private final ObjectProvider<KafkaRequests> requests;

	QuestionController(ObjectProvider<KafkaRequests> requests) {
		this.requests = requests;
	}

	@GetMapping("/entities/owner")
	CompletableFuture<OwnerAnswer> owner(@RequestParam String entityRef) {
		KafkaRequests kafkaRequests = this.requests.getIfAvailable();
		if (kafkaRequests == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("Kafka is not configured"));
		}
		return kafkaRequests.request("catalog.question", new OwnerQuestion(entityRef), OwnerAnswer.class);
	}

}
