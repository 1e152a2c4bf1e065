import type { Host } from '../../shared/rpc';

/**
 * Which editor is running this execution. `getUi()` works without authorization (AuthMode.NONE in onOpen)
 * and throws in the other host, whereas `getActiveDocument()` throws in NONE even inside Docs. Detected per
 * call: one standalone script serves both editors and every execution starts from nothing.
 */
export function detectHost(): Host | null {
  try {
    SlidesApp.getUi();
    return 'slides';
  } catch {
    // Not Slides.
  }
  try {
    DocumentApp.getUi();
    return 'docs';
  } catch {
    return null;
  }
}

export function hostUi(): GoogleAppsScript.Base.Ui {
  const host = detectHost();
  if (host === 'slides') return SlidesApp.getUi();
  if (host === 'docs') return DocumentApp.getUi();
  throw new Error('Peel runs only inside Google Slides or Google Docs.');
}
