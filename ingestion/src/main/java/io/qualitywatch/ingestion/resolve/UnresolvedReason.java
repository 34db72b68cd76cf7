package io.qualitywatch.ingestion.resolve;

/** Why a record's subject could not be matched to exactly one registered enterprise. */
public enum UnresolvedReason {
  /** Several registry entries match the name and the region hint does not pick one. */
  AMBIGUOUS,
  /** The published name is partly masked ({@code 宁夏长*实业有限公司}); matching it would be a guess. */
  MASKED_NAME,
  /** No registry entry has this name, even after normalisation. */
  NOT_IN_REGISTRY,
  /** The record names no party at all ({@code /}, {@code 无}, {@code 待查}, {@code 不详}, empty). */
  NO_PARTY
}
