/**
 * Data-quality score of a project: what a reader needs to trust a record. Each check weighs the same;
 * the score is the share of checks passed, 0–100, and `missing` names the failed checks.
 */
export type QualityFacts = {
  sourceCount: number;
  hasStatus: boolean;
  hasDates: boolean;
  /** Locations with a precision finer than the whole country. */
  preciseLocationCount: number;
  /** Funding rows that carry a currency and a value date. */
  datedFundingCount: number;
  hasSector: boolean;
};

export const QUALITY_CHECKS = ['source', 'status', 'dates', 'location', 'funding', 'sector'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export function projectQuality(facts: QualityFacts): { score: number; missing: QualityCheck[] } {
  const passed: Record<QualityCheck, boolean> = {
    source: facts.sourceCount > 0,
    status: facts.hasStatus,
    dates: facts.hasDates,
    location: facts.preciseLocationCount > 0,
    funding: facts.datedFundingCount > 0,
    sector: facts.hasSector,
  };
  const missing = QUALITY_CHECKS.filter((check) => !passed[check]);
  const score = Math.round((100 * (QUALITY_CHECKS.length - missing.length)) / QUALITY_CHECKS.length);
  return { score, missing };
}
