package io.qualitywatch.ingestion.validation;

/** Why a record was not accepted. The name is what the dead-letter topic and summaries show. */
public enum RejectReason {
  INVALID_ENCODING,
  MALFORMED_JSON,
  MALFORMED_CSV,
  UNKNOWN_EVENT_TYPE,
  MISSING_FIELD,
  WRONG_TYPE,
  INVALID_VALUE,
  BAD_CREDIT_CODE,
  UNKNOWN_REGION,
  UNKNOWN_INDUSTRY,
  UNKNOWN_PRODUCT_CATEGORY,
  FUTURE_TIMESTAMP,
  TIMESTAMP_TOO_OLD,
  UNPARSEABLE_DATE
}
