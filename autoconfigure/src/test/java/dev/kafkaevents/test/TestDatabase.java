package dev.kafkaevents.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases the outbox is proven against: an in-memory H2, and the PostgreSQL and
 * MariaDB that the development and CI machines run on localhost. A test on a database
 * that does not answer is skipped with the reason, never failed.
 *
 * @author kafka-events
 */
public enum TestDatabase {

	/**
	 * In-memory H2, shared by the contexts of one JVM under one name.
	 */
	H2("jdbc:h2:mem:kafka-events-outbox;DB_CLOSE_DELAY=-1", "sa", ""),

	/**
	 * PostgreSQL on localhost, database {@code test}.
	 */
	POSTGRESQL(System.getProperty("kafka-events.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test"),
			System.getProperty("kafka-events.test.postgresql.username", "postgres"),
			System.getProperty("kafka-events.test.postgresql.password", "")),

	/**
	 * MariaDB on localhost, database {@code test}.
	 */
	MARIADB(System.getProperty("kafka-events.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test"),
			System.getProperty("kafka-events.test.mariadb.username", "root"),
			System.getProperty("kafka-events.test.mariadb.password", ""));

	private final String url;

	private final String username;

	private final String password;

	private volatile String unavailable;

	private volatile boolean checked;

	TestDatabase(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/**
	 * Skip the calling test, with the reason, if the database does not answer.
	 */
	public void assumeAvailable() {
		Assumptions.assumeTrue(isAvailable(), () -> this.unavailable);
	}

	/**
	 * Return whether the database answers.
	 * @return whether it is available
	 */
	public boolean isAvailable() {
		if (!this.checked) {
			this.unavailable = check();
			this.checked = true;
		}
		return this.unavailable == null;
	}

	private String check() {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password)) {
			return connection.isValid(2) ? null : name() + " at " + this.url + " does not answer";
		}
		catch (SQLException ex) {
			return name() + " is not reachable at " + this.url + " (" + ex.getMessage()
					+ "): start it as docs/testing.md says to run this test";
		}
	}

	/**
	 * Return a table prefix no other test uses.
	 * @return the prefix
	 */
	public static String uniquePrefix() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
	}

}
