import { useEffect, useRef } from 'preact/hooks';
import type { GeneratedImage } from '../../src/shared/rpc';
import { dataUrl } from './format';

interface Props {
  readonly image: GeneratedImage;
  readonly alt: string;
  readonly title: string;
  readonly onClose: () => void;
}

/**
 * One result as large as the sidebar allows. A modal <dialog>: the browser keeps keyboard focus inside it,
 * Escape closes it, screen readers announce it by its heading, and focus returns to the button that opened it.
 */
export function Preview({ image, alt, title, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);
  return (
    <dialog ref={dialog} class="preview" aria-labelledby="preview-title" onClose={onClose}>
      <h2 id="preview-title">{title}</h2>
      <img class="preview-image" src={dataUrl(image)} alt={alt} width={image.pixelWidth} height={image.pixelHeight} />
      <p class="caption">
        {image.pixelWidth}×{image.pixelHeight} pixels
      </p>
      <button type="button" class="button filled" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
