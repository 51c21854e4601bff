package dev.kafkaevents.sample;

import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.kafka.reply.KafkaRequests;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoint of the sample that asks a question over Kafka and returns the answer: the
 * request goes out through the {@code catalog.question} publishing mapping, and
 * {@link CatalogQuestions} answers it after the consuming mapping has read it.
 *
 * @author kafka-events
 */
@RestController
class QuestionController {

	private final KafkaRequests requests;

	QuestionController(KafkaRequests requests) {
		this.requests = requests;
	}

	@GetMapping("/entities/owner")
	CompletableFuture<OwnerAnswer> owner(@RequestParam String entityRef) {
		return this.requests.request("catalog.question", new OwnerQuestion(entityRef), OwnerAnswer.class);
	}

}
