import { type PlaceChoice, withChoice } from '../../../src/core/placement';
import type { Target } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import type { Store } from '../../kernel/store';
import { t, told } from '../../kernel/words';

type TargetStore = Store<{ readonly session: { readonly target: Target | null } }, SharedAction>;

let remembered: PlaceChoice | null = null;
let following = false;

/**
 * Each reading of the selection answers the slide's default (a new slide), so a choice the person made would
 * last only until the pointer next came back to the sidebar: while the Target still offers it, it is made the
 * Target's again at once (listeners run inside the dispatch, before a Generate reads the Target). A Target
 * without offers (another slide, a selected box) ends it. Here rather than in the session's reducer, which is on
 * the page, since only a slide with a small space needs it.
 */
function follow(store: TargetStore): void {
  if (following) return;
  following = true;
  store.subscribe(() => {
    const target = store.get().session.target;
    if (!target?.offers) remembered = null;
    else if (target.chosen) remembered = target.chosen;
    else if (remembered && target.offers.choices.some((o) => o.where === remembered)) {
      store.dispatch({ type: 'targetLoaded', target: withChoice(target, remembered) });
    }
  });
}

/** The person's choice: the Target's now, and again after each reading of the selection that still offers it. */
export function choosePlace(store: TargetStore, target: Target, where: PlaceChoice): void {
  follow(store);
  store.dispatch({ type: 'targetLoaded', target: withChoice(target, where) });
}

/**
 * Slides: the free space is small, so where the picture goes is the person's to choose (Target.offers): each
 * choice says what Insert will do. The chosen one becomes the Target's, so "Goes to", the ratio Generate draws
 * at and what Insert does follow it. In the late part: only slides like a title slide show it.
 */
export function PlaceChoices({ target, controller }: { target: Target; controller: { readonly store: TargetStore } }) {
  const offers = target.offers;
  if (!offers) return null;
  const chosen = target.chosen ?? 'new-slide';
  return (
    <fieldset class="plain-set place-choices">
      <legend class="field-label">{t('placeChoice')}</legend>
      <p class="hint">{told(offers.message, offers.messageWords)}</p>
      {offers.choices.map((offer) => (
        <label key={offer.where} class="check">
          <input
            type="radio"
            name="place-choice"
            value={offer.where}
            checked={offer.where === chosen}
            onChange={() => choosePlace(controller.store, target, offer.where)}
          />
          {told(offer.label, offer.labelWords)}
        </label>
      ))}
    </fieldset>
  );
}
