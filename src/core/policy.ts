/**
 * What an organization allows, as its administrator wrote it in script properties (only editors of the script
 * project can set them; every user's execution can read them). Parsed once per execution into a Policy, checked
 * on the server before anything is sent or billed, and described to the sidebar so a person sees the limit
 * before trying ("Your organization allows up to 2K").
 *
 * A value Peel cannot read is not ignored: a limit written wrongly would otherwise be no limit at all, so the
 * request is refused with a sentence naming the property, and the administrator fixes it.
 */
import { detailOf, inEnglish, PeelError } from './errors';
import { IMAGE_SIZES, type ImageSize, isModelIdShape } from './gemini/catalog';
import type { OfferedModel } from './gemini/offered';
import type { Say } from './i18n';

export const POLICY_PROPERTIES = {
  models: 'PEEL_POLICY_MODELS',
  maxSize: 'PEEL_POLICY_MAX_SIZE',
  personMonthlyUsd: 'PEEL_POLICY_MONTHLY_USD_PER_PERSON',
  documentMonthlyUsd: 'PEEL_POLICY_MONTHLY_USD_PER_DOCUMENT',
  uploads: 'PEEL_POLICY_UPLOADS',
  jobs: 'PEEL_POLICY_JOBS',
  organizationKey: 'PEEL_POLICY_ORG_KEY',
  aiLabel: 'PEEL_POLICY_AI_LABEL',
} as const;

export interface Policy {
  /** Model ids a person may use; null allows every model. */
  readonly models: readonly string[] | null;
  readonly maxSize: ImageSize | null;
  readonly personMonthlyUsd: number | null;
  readonly documentMonthlyUsd: number | null;
  readonly uploads: boolean;
  readonly jobs: boolean;
  /**
   * With jobs on, the people who may run them: email addresses, and `@domain` for everyone at a domain, lower
   * case; null for everyone.
   */
  readonly jobsFor: readonly string[] | null;
  /** 'everyone': the organization key is used even by people who have a key of their own. */
  readonly organizationKey: 'fallback' | 'everyone';
  /** Alt text starts by saying the picture was made with AI (Peel's default; an organization may turn it off). */
  readonly aiLabel: boolean;
}

export const OPEN_POLICY: Policy = {
  models: null,
  maxSize: null,
  personMonthlyUsd: null,
  documentMonthlyUsd: null,
  uploads: true,
  jobs: true,
  jobsFor: null,
  organizationKey: 'fallback',
  aiLabel: true,
};

function misread(property: string, expected: string): PeelError {
  return new PeelError('POLICY', `Script property ${property} is unreadable`, {
    ...detailOf('policyUnreadable', { property, expected }),
  });
}

function onOff(props: Readonly<Record<string, string>>, property: string, fallback: boolean): boolean {
  const value = props[property]?.trim().toLowerCase();
  if (!value) return fallback;
  if (['on', 'true', 'yes'].includes(value)) return true;
  if (['off', 'false', 'no'].includes(value)) return false;
  throw misread(property, 'on or off');
}

function usd(props: Readonly<Record<string, string>>, property: string): number | null {
  const value = props[property]?.trim();
  if (!value) return null;
  const amount = Number(value.replace(/^\$/, ''));
  if (!Number.isFinite(amount) || amount < 0) throw misread(property, 'an amount in US dollars, such as 20');
  return amount;
}

const PERSON = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const DOMAIN = /^@[^\s@,]+\.[^\s@,]+$/;

/** PEEL_POLICY_JOBS: on, off, or the people allowed (`ada@school.edu, @staff.school.edu`). */
function jobsRule(props: Readonly<Record<string, string>>): Pick<Policy, 'jobs' | 'jobsFor'> {
  const value = props[POLICY_PROPERTIES.jobs]?.trim().toLowerCase() ?? '';
  if (!value.includes('@')) return { jobs: onOff(props, POLICY_PROPERTIES.jobs, true), jobsFor: null };
  const people = value.split(/[\s,;]+/).filter((entry) => entry !== '');
  if (!people.every((entry) => PERSON.test(entry) || DOMAIN.test(entry))) {
    throw misread(POLICY_PROPERTIES.jobs, 'on, off, or email addresses and @domains separated by commas');
  }
  return { jobs: true, jobsFor: people };
}

/** Whether `email` is among the people a list names (its address, or its domain as `@domain`). */
export function listed(people: readonly string[], email: string): boolean {
  const address = email.trim().toLowerCase();
  if (!PERSON.test(address)) return false;
  return people.includes(address) || people.includes(address.slice(address.indexOf('@')));
}

/** The policy in one getProperties' answer. Throws POLICY when a value is written so Peel cannot read it. */
export function readPolicy(props: Readonly<Record<string, string>>): Policy {
  const modelsText = props[POLICY_PROPERTIES.models]?.trim();
  const models = modelsText
    ? modelsText
        .split(/[\s,]+/)
        .filter((id) => id !== '')
        .map((id) => {
          if (!isModelIdShape(id)) throw misread(POLICY_PROPERTIES.models, 'model ids separated by commas');
          return id;
        })
    : null;
  const sizeText = props[POLICY_PROPERTIES.maxSize]?.trim().toUpperCase();
  const maxSize = sizeText ? (IMAGE_SIZES.find((s) => s.toUpperCase() === sizeText) ?? null) : null;
  if (sizeText && !maxSize) throw misread(POLICY_PROPERTIES.maxSize, IMAGE_SIZES.join(', '));
  const key = props[POLICY_PROPERTIES.organizationKey]?.trim().toLowerCase();
  if (key && key !== 'fallback' && key !== 'everyone') {
    throw misread(POLICY_PROPERTIES.organizationKey, 'everyone or fallback');
  }
  return {
    models,
    maxSize,
    personMonthlyUsd: usd(props, POLICY_PROPERTIES.personMonthlyUsd),
    documentMonthlyUsd: usd(props, POLICY_PROPERTIES.documentMonthlyUsd),
    uploads: onOff(props, POLICY_PROPERTIES.uploads, true),
    ...jobsRule(props),
    organizationKey: key === 'everyone' ? 'everyone' : 'fallback',
    aiLabel: onOff(props, POLICY_PROPERTIES.aiLabel, true),
  };
}

const sizeRank = (size: ImageSize) => IMAGE_SIZES.indexOf(size);

export function allowsSize(policy: Policy, size: ImageSize): boolean {
  return policy.maxSize === null || sizeRank(size) <= sizeRank(policy.maxSize);
}

export function allowsModel(policy: Policy, id: string): boolean {
  return policy.models === null || policy.models.includes(id);
}

const dollars = (amount: number) => `$${amount.toFixed(2)}`;

function refused(message: string, detail: ReturnType<typeof detailOf>): PeelError {
  return new PeelError('POLICY', message, detail);
}

/** What this month's spending adds up to, where the policy limits it; absent figures are not limited. */
export interface MonthSpend {
  readonly person?: number;
  readonly document?: number;
}

/**
 * Whether one image may be made: the model, the size, and this month's spending with this image's estimate
 * added. Refused with a sentence before anything is sent, so nothing is billed.
 */
export function checkImage(
  policy: Policy,
  ask: { readonly model: string; readonly modelName: string; readonly size: ImageSize; readonly estimateUsd: number },
  spent: MonthSpend,
): void {
  if (!allowsModel(policy, ask.model)) {
    throw refused(`Model ${ask.model} is not allowed`, detailOf('policyModel', { model: ask.modelName }));
  }
  if (!allowsSize(policy, ask.size)) {
    throw refused(
      `Size ${ask.size} is over the organization's ${policy.maxSize}`,
      detailOf('policySize', { size: policy.maxSize ?? '' }),
    );
  }
  const budgets = [
    { limit: policy.personMonthlyUsd, spent: spent.person, whose: 'person', key: 'policyPerson' },
    { limit: policy.documentMonthlyUsd, spent: spent.document, whose: 'document', key: 'policyDocument' },
  ] as const;
  for (const { limit, spent: so, whose, key } of budgets) {
    if (limit === null || so === undefined || so + ask.estimateUsd <= limit + 1e-9) continue;
    throw refused(
      `Over the monthly budget per ${whose}`,
      detailOf(key, { usd: dollars(ask.estimateUsd), limit: dollars(limit), spent: dollars(so) }),
    );
  }
}

export function checkUploads(policy: Policy): void {
  if (!policy.uploads) {
    throw refused('Uploads are turned off', detailOf('policyUploadsOff'));
  }
}

/**
 * Jobs as the organization allows them. `email` is asked only where a list of people decides, since reading it
 * is a call (and a permission) of its own; an empty answer (Google did not say) is not on any list.
 */
export function checkJobs(policy: Policy, email: () => string = () => ''): void {
  if (!policy.jobs) {
    throw refused('Jobs are turned off', detailOf('policyJobsOff'));
  }
  if (policy.jobsFor === null) return;
  const address = email().trim();
  if (!address) throw refused('Jobs for listed people; no email', detailOf('policyJobsNoEmail'));
  if (!listed(policy.jobsFor, address)) {
    throw refused('Jobs for listed people; not listed', detailOf('policyJobsNotListed', { email: address }));
  }
}

/** The model menu as the policy allows it: models it names, sizes up to its largest. */
export function allowedModels(policy: Policy, models: readonly OfferedModel[]): OfferedModel[] {
  return models
    .filter((m) => allowsModel(policy, m.id))
    .map((m) => {
      if (policy.maxSize === null) return m;
      const imageSizes = m.imageSizes.filter((s) => allowsSize(policy, s));
      if (imageSizes.length === 0 || imageSizes.length === m.imageSizes.length) return m;
      const defaultImageSize = imageSizes.includes(m.defaultImageSize)
        ? m.defaultImageSize
        : (imageSizes[imageSizes.length - 1] ?? m.defaultImageSize);
      return { ...m, imageSizes, defaultImageSize };
    });
}

/** What the sidebar shows before a person tries: the organization's limits in a sentence each, said by `say`. */
export function policyNotes(policy: Policy, say: Say = inEnglish): string[] {
  const notes: string[] = [];
  if (policy.maxSize !== null) notes.push(say('noteSize', { size: policy.maxSize }));
  if (policy.models !== null) notes.push(say('noteModels'));
  if (policy.personMonthlyUsd !== null) notes.push(say('notePerson', { usd: dollars(policy.personMonthlyUsd) }));
  if (policy.documentMonthlyUsd !== null) {
    notes.push(say('noteDocument', { usd: dollars(policy.documentMonthlyUsd) }));
  }
  if (!policy.uploads) notes.push(say('noteUploadsOff'));
  if (!policy.jobs) notes.push(say('noteJobsOff'));
  if (policy.jobsFor !== null) notes.push(say('noteJobsSome'));
  return notes;
}

/** The calendar month a spend belongs to, in UTC (the script's time zone is Etc/UTC). */
export function monthOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}
