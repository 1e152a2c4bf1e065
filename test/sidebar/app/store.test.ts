import { describe, expect, it } from 'vitest';
import { createStore, initialState } from '../../../sidebar/app/store';
import { said } from '../../../sidebar/kernel/actions';

describe('the sidebar store', () => {
  it('applies a batch of actions as one change: listeners hear once, and not at all for no change', () => {
    const store = createStore();
    const heard: string[] = [];
    store.subscribe(() => heard.push(store.get().session.notice));
    store.dispatch({ type: 'promptChanged', prompt: 'a cat' }, said({ notice: 'one' }), said({ notice: 'two' }));
    expect(heard).toEqual(['two']);
    expect(store.get().compose.prompt).toBe('a cat');
    store.dispatch({ type: 'dismissError' });
    expect(heard).toEqual(['two']);
  });

  it('gives each feature its own slice', () => {
    expect(Object.keys(initialState).sort()).toEqual([
      'compose',
      'insert',
      'job',
      'references',
      'results',
      'session',
      'settings',
      'style',
      'thread',
    ]);
  });
});
