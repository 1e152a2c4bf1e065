import { hostUi } from '../platform/host';

export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'Peel';
/** The sidebar's late part, written by the build beside Sidebar.html: the views a person opens rarely. */
export const SIDEBAR_PARTS_FILE = 'SidebarParts';

/**
 * Builds the add-on menu. May run in AuthMode.NONE (installed but not yet used in this file), where any
 * service that needs authorization throws, so it touches nothing but the UI, whatever the mode.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SlidesOnOpen | GoogleAppsScript.Events.DocsOnOpen): void {
  hostUi().createAddonMenu().addItem('Open Peel', 'showSidebar').addToUi();
}

/** Runs in AuthMode.FULL once, at install; the menu must appear without reopening the file. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SlidesOnOpen | undefined);
}

/** Menu action: sidebars are always 300 px wide, so only the title is set. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  hostUi().showSidebar(html);
}

/** The late part's text, which the sidebar runs when one of its views is first shown (sidebar/kernel/late.ts). */
export function sidebarParts(): string {
  return HtmlService.createHtmlOutputFromFile(SIDEBAR_PARTS_FILE).getContent();
}
