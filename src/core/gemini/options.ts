/**
 * The rules a model puts on an image request (ratio, size, thinking level, reference images) and how many
 * variants one Generate may ask for: the one place they are checked, with one set of words. They are checked
 * once, before anything is read or sent; the result, a `CheckedOptions`, is what a request then carries, and
 * `prepareRequest` takes it as it is.
 */
import { detailOf, PeelError } from '../errors';
import type { ImageSize, ModelSpec } from './catalog';
import { MAX_VARIANTS } from './limits';
import type { ThinkingLevel } from './wire';

export { MAX_VARIANTS } from './limits';

export interface ImageOptions {
  readonly aspectRatio?: string;
  readonly imageSize?: string;
  readonly thinkingLevel?: string;
  readonly references?: number;
  readonly variants?: number;
}

declare const checkedBrand: unique symbol;

/** Options the model accepts, as `checkImageOptions` found them; only it makes one. */
export interface CheckedOptions {
  readonly spec: ModelSpec;
  readonly aspectRatio?: string;
  /** The size asked for; sent only when asked for, and only to a model that takes one. */
  readonly imageSize?: ImageSize;
  /** The size that will be drawn: the one asked for or the model's default. */
  readonly size: ImageSize;
  readonly thinkingLevel?: ThinkingLevel;
  /** How many reference images were counted against the model's limit; a request may carry no more. */
  readonly references: number;
  readonly [checkedBrand]: true;
}

function unsupported(message: string, detail: ReturnType<typeof detailOf>, model: string): PeelError {
  return new PeelError('UNSUPPORTED_OPTION', message, { ...detail, model });
}

function checkReferenceCount(spec: ModelSpec, references: number): void {
  if (references > spec.maxReferenceImages) {
    throw unsupported(
      `${references} reference images exceed ${spec.id}'s ${spec.maxReferenceImages}`,
      detailOf('optionRefs', { model: spec.displayName, max: spec.maxReferenceImages }),
      spec.id,
    );
  }
}

/**
 * Checked options carrying `references` images instead: what the person chose is checked before anything is
 * read, and the document's style adds its references after the read, so only their count is checked again.
 */
export function withReferences(checked: CheckedOptions, references: number): CheckedOptions {
  checkReferenceCount(checked.spec, references);
  return { ...checked, references };
}

/** The options as the model takes them, or UNSUPPORTED_OPTION / BAD_INPUT saying why not. */
export function checkImageOptions(spec: ModelSpec, options: ImageOptions): CheckedOptions {
  const name = spec.displayName;
  const { variants } = options;
  if (variants !== undefined && !(Number.isInteger(variants) && variants >= 1 && variants <= MAX_VARIANTS)) {
    throw new PeelError('BAD_INPUT', `Variants ${variants}`, detailOf('variantsRange', { max: MAX_VARIANTS }));
  }
  const { aspectRatio } = options;
  if (aspectRatio !== undefined && !spec.aspectRatios.includes(aspectRatio)) {
    throw unsupported(
      `Aspect ratio ${aspectRatio} is not supported by ${spec.id}`,
      detailOf('optionDraws', { model: name, list: spec.aspectRatios.join(', ') }),
      spec.id,
    );
  }
  const wanted = options.imageSize ?? spec.defaultImageSize;
  const size = spec.imageSizes.find((s) => s === wanted);
  if (size === undefined) {
    throw unsupported(
      `Image size ${wanted} is not supported by ${spec.id}`,
      detailOf('optionDraws', { model: name, list: spec.imageSizes.join(', ') }),
      spec.id,
    );
  }
  const references = options.references ?? 0;
  checkReferenceCount(spec, references);
  const checked = {
    spec,
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(options.imageSize !== undefined ? { imageSize: size } : {}),
    size,
    references,
  };
  if (options.thinkingLevel === undefined) return checked as CheckedOptions;
  const thinking = spec.thinking;
  const level = thinking.kind === 'levels' ? thinking.levels.find((l) => l === options.thinkingLevel) : undefined;
  if (level === undefined) {
    const offered =
      thinking.kind === 'levels'
        ? detailOf('optionThinks', { model: name, list: thinking.levels.join(', ') })
        : detailOf('optionNoThinking', { model: name });
    throw unsupported(`Thinking level ${options.thinkingLevel} is not supported by ${spec.id}`, offered, spec.id);
  }
  return { ...checked, thinkingLevel: level } as CheckedOptions;
}
