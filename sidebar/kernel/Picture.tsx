import type { ComponentChildren, Ref } from 'preact';
import { useRef } from 'preact/hooks';
import type { GeneratedImage } from '../../src/shared/rpc';
import { dataUrl } from './format';

type Picture = Pick<GeneratedImage, 'mimeType' | 'base64' | 'pixelWidth' | 'pixelHeight'>;

/** A picture from its bytes, at its own size (the stylesheet scales it). */
export const Img = ({ picture, alt, ...rest }: { picture: Picture; alt: string; class?: string }) => (
  <img src={dataUrl(picture)} alt={alt} width={picture.pixelWidth} height={picture.pixelHeight} {...rest} />
);

interface DialogProps {
  readonly dialog: Ref<HTMLDialogElement>;
  readonly picture: Picture;
  readonly alt: string;
  /** The dialog's name for screen readers. */
  readonly label: string;
  /** Shown above and below the picture. */
  readonly heading?: string;
  readonly caption?: string;
}

/**
 * A picture as large as the sidebar allows, in a modal <dialog> opened with `showModal`: the browser keeps
 * keyboard focus inside it, Escape closes it, and focus returns to the button that opened it.
 */
export function PictureDialog({ dialog, picture, alt, label, heading, caption }: DialogProps) {
  return (
    <dialog ref={dialog} class="preview" aria-label={label}>
      {heading && <h2>{heading}</h2>}
      <Img class="preview-image" picture={picture} alt={alt} />
      {caption && <p class="caption">{caption}</p>}
      <form method="dialog">
        <button type="submit" class="button filled">
          Close
        </button>
      </form>
    </dialog>
  );
}

/** A picture that opens larger when clicked. */
export function Enlargeable({ picture, alt, caption }: { picture: Picture; alt: string; caption: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <figure class="enlargeable">
      <button type="button" class="picture-button" onClick={() => dialog.current?.showModal()}>
        <Img class="picture" picture={picture} alt={alt} />
        <span class="sr-only"> (enlarge)</span>
      </button>
      <figcaption>{caption}</figcaption>
      <PictureDialog dialog={dialog} picture={picture} alt={alt} label={`${caption}, enlarged`} />
    </figure>
  );
}

interface Choice {
  readonly id: string;
  readonly picture: Picture;
  readonly alt: string;
  readonly caption?: ComponentChildren;
}

/** Variants as a radio group of pictures: arrow keys move between them, the chosen one is marked. */
export function PictureChoice(props: {
  labelledBy: string;
  name: string;
  grid: boolean;
  choices: readonly Choice[];
  chosen: string | undefined;
  onChoose: (id: string) => void;
}) {
  return (
    <div role="radiogroup" aria-labelledby={props.labelledBy} class={props.grid ? 'variants grid' : 'variants'}>
      {props.choices.map(({ id, picture, alt, caption }) => (
        <label key={id} class="variant">
          <input
            type="radio"
            name={props.name}
            value={id}
            checked={id === props.chosen}
            onChange={() => props.onChoose(id)}
          />
          <Img picture={picture} alt={alt} />
          <span class="badge" aria-hidden="true">
            ✓
          </span>
          {caption && <span class="caption">{caption}</span>}
        </label>
      ))}
    </div>
  );
}
