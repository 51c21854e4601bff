package dev.kafkaevents.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and operates the Actuator endpoints of an application under test over HTTP.
 *
 * @author kafka-events
 */
final class ActuatorHttp {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	private final int port;

	ActuatorHttp(int port) {
		this.port = port;
	}

	JsonNode get(String path) {
		return this.json.readTree(getText(path));
	}

	String getText(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build()).body();
	}

	HttpResponse<String> post(String path, Map<String, Object> body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
