import { describe, expect, it } from 'vitest';
import { projectQuality, QUALITY_CHECKS } from './quality.ts';

const complete = {
  sourceCount: 1,
  hasStatus: true,
  hasDates: true,
  preciseLocationCount: 2,
  datedFundingCount: 3,
  hasSector: true,
};

describe('projectQuality', () => {
  it('gives 100 to a complete record', () => {
    expect(projectQuality(complete)).toEqual({ score: 100, missing: [] });
  });

  it('names every missing check and scores the share passed', () => {
    const empty = projectQuality({
      sourceCount: 0,
      hasStatus: false,
      hasDates: false,
      preciseLocationCount: 0,
      datedFundingCount: 0,
      hasSector: false,
    });
    expect(empty).toEqual({ score: 0, missing: [...QUALITY_CHECKS] });
    expect(projectQuality({ ...complete, sourceCount: 0, datedFundingCount: 0 })).toEqual({
      score: 67,
      missing: ['source', 'funding'],
    });
  });
});
