/**
 * The editor's Ui (menus, sidebars, dialogs, alerts) as a recorder: every call lands in the context's UiLog,
 * which the workbench draws and tests read. The Ui needs no authorization, so it works in every AuthMode.
 */
import { as, enumOf } from './slides/shared';
import type { UiLog } from './world';

type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;
type GButton = GoogleAppsScript.Base.Button;
type GButtonSet = GoogleAppsScript.Base.ButtonSet;

export const Button = enumOf(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = enumOf(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

/** What showSidebar and the dialogs read from HtmlService's output. */
type HtmlOutputLike = Pick<GoogleAppsScript.HTML.HtmlOutput, 'getContent' | 'getHeight' | 'getTitle' | 'getWidth'>;

/**
 * The add-on menu's caption: in the editors it is the add-on's listed name under Extensions, which no script
 * call reveals, so the emulation names it after the one add-on it runs.
 */
export const ADDON_MENU_CAPTION = 'Peel';

export class FakeMenu implements Pick<GMenu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  private readonly items: { caption: string; functionName: string }[] = [];

  constructor(
    private readonly log: UiLog,
    readonly caption: string,
  ) {}

  addItem(caption: string, functionName: string): GMenu {
    this.items.push({ caption, functionName });
    return as(this);
  }

  /** The UiLog has no place for separators; they change nothing a test or the workbench acts on. */
  addSeparator(): GMenu {
    return as(this);
  }

  /** Flattened into this menu's items as "Sub › Item", since UiLog items are one level deep. */
  addSubMenu(menu: GMenu): GMenu {
    if (!(menu instanceof FakeMenu)) throw new TypeError('addSubMenu expects a menu made by the same Ui.');
    for (const item of menu.items) {
      this.items.push({ caption: `${menu.caption} › ${item.caption}`, functionName: item.functionName });
    }
    return as(this);
  }

  /** A menu added again (onInstall calling onOpen) replaces the one with the same caption, as in the editor. */
  addToUi(): void {
    const entry = { caption: this.caption, items: this.items.map((item) => ({ ...item })) };
    const existing = this.log.menus.findIndex((menu) => menu.caption === this.caption);
    if (existing >= 0) this.log.menus[existing] = entry;
    else this.log.menus.push(entry);
  }
}

export class FakeUi
  implements
    Pick<GUi, 'alert' | 'createAddonMenu' | 'createMenu' | 'showModalDialog' | 'showModelessDialog' | 'showSidebar'>
{
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(private readonly log: UiLog) {}

  createAddonMenu(): GMenu {
    return as(new FakeMenu(this.log, ADDON_MENU_CAPTION));
  }

  createMenu(caption: string): GMenu {
    return as(new FakeMenu(this.log, caption));
  }

  showSidebar(userInterface: HtmlOutputLike): void {
    this.log.sidebars.push({ title: userInterface.getTitle(), html: userInterface.getContent() });
  }

  /** The title argument wins over the output's own title, as documented. */
  showModalDialog(userInterface: HtmlOutputLike, title: string): void {
    this._dialog(userInterface, title, true);
  }

  showModelessDialog(userInterface: HtmlOutputLike, title: string): void {
    this._dialog(userInterface, title, false);
  }

  private _dialog(output: HtmlOutputLike, title: string, modal: boolean): void {
    const html = output.getContent();
    this.log.dialogs.push({ title, html, width: output.getWidth(), height: output.getHeight(), modal });
  }

  /**
   * Recorded as "title: prompt" when there is a title. Nobody is there to click, so the answer is the set's
   * affirmative button.
   */
  alert(first: string, second?: string | GButtonSet, third?: GButtonSet): GButton {
    const titled = third !== undefined;
    const prompt = titled ? String(second) : first;
    this.log.alerts.push(titled ? `${first}: ${prompt}` : prompt);
    const buttons = String(titled ? third : (second ?? 'OK'));
    return as(buttons.startsWith('YES') ? Button.YES : Button.OK);
  }
}
