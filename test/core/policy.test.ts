import { describe, expect, it } from 'vitest';
import { catalogModels, DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { offeredModel } from '../../src/core/gemini/offered';
import {
  allowedModels,
  checkImage,
  checkJobs,
  checkUploads,
  monthOf,
  OPEN_POLICY,
  POLICY_PROPERTIES as P,
  policyNotes,
  readPolicy,
} from '../../src/core/policy';

const NOW = Date.parse('2026-12-06T10:00:00Z');
const ask = { model: DEFAULT_MODEL_ID, modelName: 'Nano Banana', size: '1K' as const, estimateUsd: 0.04 };

describe('reading the policy from script properties', () => {
  it('is open when nothing is set', () => {
    expect(readPolicy({})).toEqual(OPEN_POLICY);
    expect(policyNotes(readPolicy({}))).toEqual([]);
  });

  it('reads every rule an administrator can write', () => {
    const policy = readPolicy({
      [P.models]: 'gemini-2.5-flash-image, gemini-nano-banana-2.1',
      [P.maxSize]: '2k',
      [P.personMonthlyUsd]: '$20',
      [P.documentMonthlyUsd]: '50.5',
      [P.uploads]: 'off',
      [P.jobs]: 'no',
      [P.organizationKey]: 'everyone',
      [P.aiLabel]: 'off',
    });
    expect(policy).toEqual({
      models: ['gemini-2.5-flash-image', 'gemini-nano-banana-2.1'],
      maxSize: '2K',
      personMonthlyUsd: 20,
      documentMonthlyUsd: 50.5,
      uploads: false,
      jobs: false,
      jobsFor: null,
      organizationKey: 'everyone',
      aiLabel: false,
    });
    expect(policyNotes(policy)).toContain('Your organization allows pictures up to 2K.');
  });

  it.each([
    [P.maxSize, '3K'],
    [P.personMonthlyUsd, 'twenty'],
    [P.documentMonthlyUsd, '-5'],
    [P.uploads, 'maybe'],
    [P.organizationKey, 'always'],
    [P.models, 'Gemini Pro!'],
    [P.jobs, 'ada@school.edu, the staff'],
    [P.jobs, '@school'],
  ])('refuses %s = %s with a sentence naming it, rather than treating it as no limit', (property, value) => {
    expect(() => readPolicy({ [property]: value })).toThrow(
      expect.objectContaining({
        code: 'POLICY',
        details: expect.objectContaining({ detail: expect.stringContaining(property) }),
      }),
    );
  });
});

describe('deck jobs for a list of people', () => {
  const policy = readPolicy({ [P.jobs]: ' Ada@School.edu, @staff.school.edu;bea@elsewhere.org ' });

  it('reads addresses and @domains, in lower case, and says so before a person tries', () => {
    expect(policy.jobs).toBe(true);
    expect(policy.jobsFor).toEqual(['ada@school.edu', '@staff.school.edu', 'bea@elsewhere.org']);
    expect(policyNotes(policy)).toContain(
      'Your organization allows illustrating a whole file at once for some people only.',
    );
  });

  it('lets the people it names through, by address or domain, in any case', () => {
    for (const email of ['ada@school.edu', 'ADA@school.edu', 'cy@staff.school.edu', 'bea@elsewhere.org']) {
      expect(() => checkJobs(policy, () => email), email).not.toThrow();
    }
  });

  it('refuses anyone else, naming their address, and anyone Google does not name', () => {
    for (const email of ['cy@school.edu', 'ada@school.edu.evil.com', 'x@staff.school.edu.org', 'not an address']) {
      expect(() => checkJobs(policy, () => email), email).toThrow(
        expect.objectContaining({
          code: 'POLICY',
          details: expect.objectContaining({ detail: expect.stringContaining(email) }),
        }),
      );
    }
    expect(() => checkJobs(policy, () => '')).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ detail: expect.stringMatching(/did not tell Peel who you are/) }),
      }),
    );
  });

  it('asks for the address only where a list decides', () => {
    let asked = 0;
    const email = () => {
      asked++;
      return 'ada@school.edu';
    };
    checkJobs(readPolicy({}), email);
    checkJobs(readPolicy({ [P.jobs]: 'on' }), email);
    expect(asked).toBe(0);
    checkJobs(policy, email);
    expect(asked).toBe(1);
  });
});

describe('checking one image before it is sent', () => {
  it('refuses a model the organization does not name', () => {
    const policy = readPolicy({ [P.models]: 'gemini-2.5-flash-image' });
    expect(() => checkImage(policy, ask, {})).toThrow(
      expect.objectContaining({
        code: 'POLICY',
        details: expect.objectContaining({ detail: expect.stringContaining('does not allow Nano Banana') }),
      }),
    );
    expect(() => checkImage(policy, { ...ask, model: 'gemini-2.5-flash-image' }, {})).not.toThrow();
  });

  it('refuses a size over the largest allowed, and allows the largest itself', () => {
    const policy = readPolicy({ [P.maxSize]: '2K' });
    expect(() => checkImage(policy, { ...ask, size: '4K' }, {})).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ detail: expect.stringContaining('up to 2K') }) }),
    );
    expect(() => checkImage(policy, { ...ask, size: '2K' }, {})).not.toThrow();
    expect(() => checkImage(policy, { ...ask, size: '512' }, {})).not.toThrow();
  });

  it('refuses the image that would pass a monthly budget, counting its own estimate', () => {
    const policy = readPolicy({ [P.personMonthlyUsd]: '1', [P.documentMonthlyUsd]: '2' });
    expect(() => checkImage(policy, ask, { person: 0.96, document: 0 })).not.toThrow();
    expect(() => checkImage(policy, ask, { person: 0.97, document: 0 })).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ detail: expect.stringContaining('you have spent $0.97 this month') }),
      }),
    );
    expect(() => checkImage(policy, ask, { person: 0, document: 1.99 })).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ detail: expect.stringContaining('this document past') }),
      }),
    );
  });

  it('uploads and jobs are refused only when turned off', () => {
    expect(() => checkUploads(OPEN_POLICY)).not.toThrow();
    expect(() => checkJobs(OPEN_POLICY)).not.toThrow();
    expect(() => checkUploads(readPolicy({ [P.uploads]: 'off' }))).toThrow(expect.objectContaining({ code: 'POLICY' }));
    expect(() => checkJobs(readPolicy({ [P.jobs]: 'off' }))).toThrow(expect.objectContaining({ code: 'POLICY' }));
  });
});

describe('the model menu as the policy allows it', () => {
  const menu = catalogModels(NOW).map((spec) => offeredModel(spec, NOW));

  it('offers only the models named, with sizes up to the largest allowed', () => {
    const policy = readPolicy({ [P.models]: DEFAULT_MODEL_ID, [P.maxSize]: '1K' });
    const allowed = allowedModels(policy, menu);
    expect(allowed.map((m) => m.id)).toEqual([DEFAULT_MODEL_ID]);
    expect(allowed[0]?.imageSizes.every((s) => s === '512' || s === '1K')).toBe(true);
    expect(allowed[0]?.imageSizes).toContain(allowed[0]?.defaultImageSize);
  });

  it('is the menu itself under an open policy', () => {
    expect(allowedModels(OPEN_POLICY, menu)).toEqual(menu);
  });
});

it('counts spending by calendar month in UTC', () => {
  expect(monthOf(Date.parse('2026-12-31T23:59:59Z'))).toBe('2026-12');
  expect(monthOf(Date.parse('2027-01-01T00:00:00Z'))).toBe('2027-01');
});
