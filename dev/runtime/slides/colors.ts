/**
 * A page's colour scheme (Page.getColorScheme): the theme's twelve colours, each a concrete RGB colour. Slides
 * reads a slide's scheme from its master; the emulation keeps one scheme per deck (DeckState.theme).
 */
import type { DeckState, ThemeColourName, ThemeColours } from '../model';
import { as, ScriptException } from './shared';

type GColor = GoogleAppsScript.Slides.Color;
type GRgbColor = GoogleAppsScript.Base.RgbColor;
type GColorScheme = GoogleAppsScript.Slides.ColorScheme;
type GThemeColorType = GoogleAppsScript.Slides.ThemeColorType;

/** Google Slides' default theme, "Simple Light", as the Slides API reports its master's colour scheme. */
export const SIMPLE_LIGHT: ThemeColours = {
  DARK1: '#000000',
  LIGHT1: '#ffffff',
  DARK2: '#595959',
  LIGHT2: '#eeeeee',
  ACCENT1: '#4285f4',
  ACCENT2: '#212121',
  ACCENT3: '#78909c',
  ACCENT4: '#ffab40',
  ACCENT5: '#0097a7',
  ACCENT6: '#eeff41',
  HYPERLINK: '#0097a7',
  FOLLOWED_HYPERLINK: '#0097a7',
};

const NAMES = Object.keys(SIMPLE_LIGHT) as ThemeColourName[];

function isThemeColour(name: string): name is ThemeColourName {
  return (NAMES as string[]).includes(name);
}

/** A concrete colour: getConcreteColor always answers RGB, never a theme reference. */
export class FakeRgbColor implements GRgbColor, Pick<GColor, 'asRgbColor' | 'getColorType'> {
  constructor(private readonly hex: string) {}

  getColorType(): GoogleAppsScript.Base.ColorType {
    return as('RGB');
  }

  asRgbColor(): GRgbColor {
    return this;
  }

  /** "#rrggbb", as documented ("a CSS-style 7 character hexadecimal string"). */
  asHexString(): string {
    return this.hex;
  }

  getRed(): number {
    return Number.parseInt(this.hex.slice(1, 3), 16);
  }

  getGreen(): number {
    return Number.parseInt(this.hex.slice(3, 5), 16);
  }

  getBlue(): number {
    return Number.parseInt(this.hex.slice(5, 7), 16);
  }
}

export class FakeColorScheme implements Pick<GColorScheme, 'getConcreteColor' | 'getThemeColors'> {
  constructor(private readonly deck: DeckState) {}

  /** Every ThemeColorType a scheme maps (all but UNSUPPORTED), in the enum's order. */
  getThemeColors(): GThemeColorType[] {
    return as([...NAMES]);
  }

  getConcreteColor(theme: GThemeColorType): GColor {
    const name = String(theme);
    if (!isThemeColour(name)) {
      // Apps Script's wording for an enum value a method does not take.
      throw new ScriptException('Invalid argument: theme');
    }
    return as(new FakeRgbColor((this.deck.theme ?? SIMPLE_LIGHT)[name].toLowerCase()));
  }
}
