/** All of English, the page's words and the late part's, for the build, the server's checks and the tests. */
import { EN } from './en';
import { EN_PARTS } from './en-parts';

export const ENGLISH = { ...EN, ...EN_PARTS } as const;
