/**
 * "Keep everything else exactly", the late part's action (the page does not carry it): the chosen variant of an
 * edit kept to a marked part becomes the picture as it was outside that part and the model's inside it, with a
 * feathered seam (made where the pixels are: marking.ts), kept on the server in the variant's place through the
 * cut-out's path (keepCutout), so Apply places it like any edit and nothing is billed again.
 */
import type { ImageDelivered, Wire } from '../../../src/shared/rpc';
import { busy, failed, type SharedAction, said } from '../../kernel/actions';
import { type Server, toWireError } from '../../kernel/rpc';
import { t } from '../../kernel/words';
import type { SessionState } from '../session/state';
import { keepRest } from './marking';
import { selectedVariant, type ThreadAction, type ThreadState } from './state';

/** What the action needs of the sidebar: the server and the store (the page's controller gives both). */
export interface KeepPorts {
  readonly server: Pick<Server, 'keepCutout' | 'discardImages'>;
  readonly store: {
    get(): { readonly thread: ThreadState; readonly session: SessionState };
    dispatch(...actions: (ThreadAction | SharedAction)[]): void;
  };
}

export async function keepEverythingElse({ server, store }: KeepPorts): Promise<void> {
  const { thread, session } = store.get();
  const { edited, view } = thread;
  const chosen = selectedVariant(edited);
  if (!edited?.region || !chosen || !view || session.busy) return;
  store.dispatch(busy('apply'));
  try {
    const base64 = await keepRest(view.current, chosen.image, edited.region);
    const { imageId } = await server.keepCutout({ imageId: chosen.image.id, base64 });
    server.discardImages([chosen.image.id]).catch(() => undefined);
    const { pixelWidth, pixelHeight } = view.current;
    const kept: Wire<ImageDelivered> = {
      ...chosen,
      image: { ...chosen.image, id: imageId, mimeType: 'image/png', base64, pixelWidth, pixelHeight },
    };
    const variants = edited.variants.map((v) => (v === chosen ? kept : v));
    store.dispatch(
      { type: 'regionPatched', patch: { edited: { ...edited, variants, selectedId: imageId } } },
      said({ busy: null, notice: t('restKept') }),
    );
  } catch (error) {
    store.dispatch(failed(toWireError(error)));
  }
}
