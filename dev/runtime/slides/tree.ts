/** Lookups in a slide's tree of elements, where groups hold members: pure functions of the model. */
import type { GroupElement, PageElementState } from '../model';

/** The list an element sits in: its slide's elements, or the members of the group holding it; null once gone. */
export function containerOf(list: PageElementState[], state: PageElementState): PageElementState[] | null {
  if (list.includes(state)) return list;
  for (const element of list) {
    if (element.kind !== 'group') continue;
    const found = containerOf(element.children, state);
    if (found) return found;
  }
  return null;
}

/** The group directly holding an element, or null for an element of the slide itself. */
export function parentGroupOf(list: readonly PageElementState[], state: PageElementState): GroupElement | null {
  for (const element of list) {
    if (element.kind !== 'group') continue;
    if (element.children.includes(state)) return element;
    const found = parentGroupOf(element.children, state);
    if (found) return found;
  }
  return null;
}

/** An element of the slide or of one of its groups, by object id. */
export function findElement(list: readonly PageElementState[], id: string): PageElementState | null {
  for (const element of list) {
    if (element.objectId === id) return element;
    if (element.kind === 'group') {
      const found = findElement(element.children, id);
      if (found) return found;
    }
  }
  return null;
}
