-- spring-modulith's event publication registry (JDBC, schema v2): the transactional outbox of
-- PasskeyCreated / PasskeyDeleted. Same columns as modulith's own schema files, written so that
-- one script runs on PostgreSQL and on H2.
CREATE TABLE event_publication (
  id                     UUID                     NOT NULL PRIMARY KEY,
  listener_id            VARCHAR(512)             NOT NULL,
  event_type             VARCHAR(512)             NOT NULL,
  serialized_event       VARCHAR(16000)           NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 VARCHAR(20),
  completion_attempts    INTEGER,
  last_resubmission_date TIMESTAMP WITH TIME ZONE
);

CREATE INDEX event_publication_by_completion_date ON event_publication (completion_date);
CREATE INDEX event_publication_by_status ON event_publication (status);
