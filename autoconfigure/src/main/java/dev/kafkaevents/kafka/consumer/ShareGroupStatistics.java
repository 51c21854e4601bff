package dev.kafkaevents.kafka.consumer;

/**
 * What the share consumers of a mapping in this application have done.
 *
 * @param members share consumers of the group running in this application
 * @param inFlight records delivered whose outcome is not known yet
 * @param accepted records accepted after every subscriber succeeded
 * @param released failed records released for the broker to deliver again
 * @param rejected records rejected after their last attempt or as poison, dead-lettered
 * first when the mapping has a dead-letter topic
 * @author kafka-events
 */
public record ShareGroupStatistics(int members, int inFlight, long accepted, long released, long rejected) {

}
